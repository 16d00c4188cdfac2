import {
  microsToNumber as money,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import { claimAnnotationFor } from '../attribution/claims';
import type { AmountsRow } from '../database';
import { byCostDesc, sumCost } from './amounts';
import { unallocatedHint } from './unallocatedHint';

/** The `unallocated` section of a rollup: every unclaimed value, with how to claim it. */
export function unallocatedSection(
  rows: Array<AmountsRow<'provider' | 'dimension' | 'value'>>,
): RollupResponse['unallocated'] {
  return {
    cost: money(sumCost(rows)),
    items: rows
      .filter(u => u.cost !== 0)
      .sort(byCostDesc)
      .map(u => {
        const claimWith = claimAnnotationFor(u.provider, u.dimension);
        const claim = {
          provider: u.provider,
          dimension: u.dimension,
          value: u.value,
          ...(claimWith ? { claimWith } : {}),
        };
        return { ...claim, cost: money(u.cost), hint: unallocatedHint(claim) };
      }),
  };
}
