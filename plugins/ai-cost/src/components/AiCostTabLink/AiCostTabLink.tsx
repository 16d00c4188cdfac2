import { Link } from '@backstage/core-components';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { useAiCostTabLink } from '../../hooks';

/** A link to an entity's AI Cost tab for the selected period, named by its title or display name. */
export function AiCostTabLink(props: { entityRef: string; title?: string }) {
  const { entityRef, title } = props;
  const link = useAiCostTabLink();
  return (
    <Link to={link(entityRef)}>
      {title ?? <EntityDisplayName entityRef={entityRef} hideIcon />}
    </Link>
  );
}
