import type {
  AttributedRow,
  UnallocatedRow,
} from '../attribution/attributeUsage';
import type { DbTagDailyRow } from './tables';

/** The key and value of the row of all spend of a source and day. */
export const ALL_SPEND = '';

/**
 * The `ai_cost_tag_daily` rows of attributed and unallocated spend: per
 * source, day and allocation tag value, their cost and its unallocated
 * part, and per source and day the row of all spend (key and value
 * {@link ALL_SPEND}).
 */
export function tagDailyRows(
  attributed: AttributedRow[],
  unallocated: UnallocatedRow[],
): DbTagDailyRow[] {
  const rows = new Map<
    string,
    DbTagDailyRow & { cost_micros: number; unallocated_micros: number }
  >();
  const add = (
    row: AttributedRow | UnallocatedRow,
    unallocatedMicros: number,
  ) => {
    const pairs: Array<[string, string]> = [
      [ALL_SPEND, ALL_SPEND],
      ...Object.entries(row.allocationTags),
    ];
    for (const [key, value] of pairs) {
      const id = `${row.sourceId}\u0000${row.date}\u0000${key}\u0000${value}`;
      const sum = rows.get(id);
      if (sum) {
        sum.cost_micros += row.cost;
        sum.unallocated_micros += unallocatedMicros;
      } else {
        rows.set(id, {
          source_id: row.sourceId,
          date: row.date,
          tag_key: key,
          tag_value: value,
          cost_micros: row.cost,
          unallocated_micros: unallocatedMicros,
        });
      }
    }
  };
  for (const row of attributed) add(row, 0);
  for (const row of unallocated) add(row, row.cost);
  return [...rows.values()];
}
