import {
  aiSpendCategories,
  aiSpendCategoryOf,
  microsToNumber as money,
  type AiSpendCategory,
} from '@ai-cost/plugin-ai-cost-common';

/**
 * A row's spend category: the one attribution stored, else (rows attributed
 * before categories existed) what its provider kind says.
 */
export function spendCategoryKey(row: {
  category?: string;
  provider?: string;
  modelProvider?: string;
}): string {
  return (
    row.category ||
    aiSpendCategoryOf(String(row.provider), row.modelProvider ?? '')
  );
}

/**
 * Spend per category, in the order categories are listed; categories
 * without spend are left out.
 */
export function byCategory(
  rows: Array<{
    category?: string;
    provider?: string;
    modelProvider?: string;
    cost: number;
  }>,
): Array<{ category: AiSpendCategory; cost: number }> {
  const costs = new Map<string, number>();
  for (const row of rows) {
    const key = spendCategoryKey(row);
    costs.set(key, (costs.get(key) ?? 0) + row.cost);
  }
  return aiSpendCategories
    .filter(category => (costs.get(category) ?? 0) !== 0)
    .map(category => ({ category, cost: money(costs.get(category)!) }));
}
