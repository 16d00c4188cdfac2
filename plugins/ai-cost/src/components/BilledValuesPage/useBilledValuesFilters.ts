import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CLAIM_STATE_OPTIONS, type ClaimStateFilter } from './billedValues';

/** The filters of the billed values page, kept in the URL. */
export interface BilledValuesFilters {
  /** `?q=`: a substring of the value. */
  q: string;
  /** `?provider=` */
  provider: string;
  /** `?dimension=`, e.g. `projectId`. */
  dimension: string;
  /** `?state=`: unclaimed, claimed or conflict. */
  state: ClaimStateFilter | '';
}

const KEYS = ['q', 'provider', 'dimension', 'state'] as const;

/** The filters of the page from the URL, and a setter that replaces them there. */
export function useBilledValuesFilters(): [
  BilledValuesFilters,
  (change: Partial<BilledValuesFilters>) => void,
] {
  const [searchParams, setSearchParams] = useSearchParams();
  const state = searchParams.get('state') ?? '';
  const filters: BilledValuesFilters = {
    q: searchParams.get('q') ?? '',
    provider: searchParams.get('provider') ?? '',
    dimension: searchParams.get('dimension') ?? '',
    state: CLAIM_STATE_OPTIONS.some(o => o.value === state)
      ? (state as ClaimStateFilter)
      : '',
  };
  const setFilters = useCallback(
    (change: Partial<BilledValuesFilters>) =>
      setSearchParams(
        previous => {
          const params = new URLSearchParams(previous);
          for (const key of KEYS) {
            const value = change[key];
            if (value === undefined) continue;
            if (value) params.set(key, value);
            else params.delete(key);
          }
          return params;
        },
        { replace: true },
      ),
    [setSearchParams],
  );
  return [filters, setFilters];
}
