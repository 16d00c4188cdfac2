import type { AttributedRow } from '../attribution/attributeUsage';
import type { DbEntityDailyRow } from './tables';

/**
 * What re-attributing some days of one source changes in
 * `ai_cost_entity_daily`: per day and entity, the new attributed cost minus
 * the one it replaces, for the pairs where they differ, in (day, entity)
 * order so that concurrent re-attributions of other sources lock shared
 * rows in the same order.
 */
export function entityDailyDeltas(
  replaced: ReadonlyArray<{ date: string; entityRef: string; cost: number }>,
  attributed: readonly AttributedRow[],
): Array<DbEntityDailyRow & { cost_micros: number }> {
  const deltas = new Map<string, DbEntityDailyRow & { cost_micros: number }>();
  const add = (date: string, entityRef: string, cost: number) => {
    const key = `${date}\u0000${entityRef}`;
    const delta = deltas.get(key);
    if (delta) delta.cost_micros += cost;
    else deltas.set(key, { date, entity_ref: entityRef, cost_micros: cost });
  };
  for (const row of replaced) add(row.date, row.entityRef, -row.cost);
  for (const row of attributed) add(row.date, row.entityRef, row.cost);
  return [...deltas.values()]
    .filter(delta => delta.cost_micros !== 0)
    .sort((a, b) => {
      if (a.date !== b.date) return a.date < b.date ? -1 : 1;
      if (a.entity_ref === b.entity_ref) return 0;
      return a.entity_ref < b.entity_ref ? -1 : 1;
    });
}
