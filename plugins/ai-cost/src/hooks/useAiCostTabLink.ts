import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';

/** The query parameters of the period (see `usePeriod`), carried over to the linked tab. */
const PERIOD_PARAMS = ['period', 'from', 'to'] as const;

/** The path of the AI Cost tab, as the entity page mounts it. */
const AI_COST_TAB = 'ai-cost';

/**
 * Builds links to an entity's AI Cost tab that keep the selected period, so
 * a team link on the org page opens that team's spend for the same window.
 */
export function useAiCostTabLink(): (entityRef: string) => string {
  const entityRoute = useRouteRef(entityRouteRef);
  const [searchParams] = useSearchParams();
  return useCallback(
    (entityRef: string) => {
      const query = new URLSearchParams();
      for (const name of PERIOD_PARAMS) {
        const value = searchParams.get(name);
        if (value !== null) query.set(name, value);
      }
      const search = query.toString();
      return `${entityRoute(entityRouteParams(entityRef))}/${AI_COST_TAB}${
        search ? `?${search}` : ''
      }`;
    },
    [entityRoute, searchParams],
  );
}
