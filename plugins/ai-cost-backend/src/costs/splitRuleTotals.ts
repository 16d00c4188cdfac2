import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { SPLIT_RULE_DIMENSION } from '../attribution/attributeUsage';
import type { AttributedSpendReader } from './AttributedSpendCache';

/**
 * Everything each of some split rules divided in a window, micro-units: the
 * parts its targets got and the parts left unallocated for targets missing
 * from the catalog. Only the rules `rows` name are summed.
 */
export async function splitRuleTotals(
  store: Pick<AttributedSpendReader, 'sumAttributed' | 'sumUnallocated'>,
  window: UsageWindow,
  rows: Array<{ splitRuleId: string }>,
): Promise<Map<string, number>> {
  const ruleIds = new Set(rows.map(r => r.splitRuleId).filter(Boolean));
  const totals = new Map<string, number>();
  if (ruleIds.size === 0) return totals;
  const add = (ruleId: string, cost: number) => {
    if (ruleIds.has(ruleId))
      totals.set(ruleId, (totals.get(ruleId) ?? 0) + cost);
  };
  const [attributed, unallocated] = await Promise.all([
    store.sumAttributed({ window, groupBy: ['splitRuleId'] }),
    store.sumUnallocated(window),
  ]);
  for (const row of attributed) add(row.splitRuleId, row.cost);
  for (const row of unallocated) {
    if (row.dimension === SPLIT_RULE_DIMENSION) add(row.value, row.cost);
  }
  return totals;
}
