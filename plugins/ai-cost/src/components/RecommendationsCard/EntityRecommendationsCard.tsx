import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { RecommendationsCard } from './RecommendationsCard';

/** Recommendations of the current entity and its descendants. @public */
export function EntityRecommendationsCard(props: { now?: () => Date }) {
  const { entity } = useEntity();
  return (
    <RecommendationsCard
      entityRef={stringifyEntityRef(entity)}
      now={props.now}
    />
  );
}
