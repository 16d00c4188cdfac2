import type { ClosedMonth, StoredStatement } from '../database';

/** Where restatements of a closed month are booked: the first open month after it. */
export function firstOpenMonthAfter(
  month: string,
  closed: Set<string>,
): string {
  let next = nextMonth(month);
  while (closed.has(next)) next = nextMonth(next);
  return next;
}

/** The calendar month after `YYYY-MM`. */
export function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number);
  return m === 12
    ? `${year + 1}-01`
    : `${year}-${String(m + 1).padStart(2, '0')}`;
}

const reasonFor = (month: string) =>
  `${month} restated after it was closed (late billing data or re-attribution)`;

/**
 * Adds to an open month's statement the restatements of the closed months
 * whose first open month it is: per line, what the closed month's spend is
 * now minus what it was closed with and what later statements already
 * booked for it. `restated` recomputes a closed month from today's data.
 */
export async function bookAdjustments(options: {
  month: string;
  statement: StoredStatement;
  closed: ClosedMonth[];
  restated: (month: string) => Promise<StoredStatement>;
}): Promise<StoredStatement> {
  const { month, statement, closed } = options;
  const closedMonths = new Set(closed.map(c => c.month));
  const lines = new Map(
    statement.lines.map(line => [
      line.entityRef,
      { ...line, adjustments: [...line.adjustments] },
    ]),
  );
  const unallocatedAdjustments = [...statement.unallocatedAdjustments];

  for (const source of closed) {
    if (firstOpenMonthAfter(source.month, closedMonths) !== month) continue;
    const booked = new Map<string, number>();
    let bookedUnallocated = 0;
    for (const later of closed) {
      for (const line of later.statement.lines) {
        for (const adj of line.adjustments) {
          if (adj.month !== source.month) continue;
          booked.set(
            line.entityRef,
            (booked.get(line.entityRef) ?? 0) + adj.cost,
          );
        }
      }
      for (const adj of later.statement.unallocatedAdjustments) {
        if (adj.month === source.month) bookedUnallocated += adj.cost;
      }
    }
    const now = await options.restated(source.month);
    const nowCost = new Map(now.lines.map(l => [l.entityRef, l]));
    const closedCost = new Map(
      source.statement.lines.map(l => [l.entityRef, l.cost]),
    );
    const parties = new Set([
      ...nowCost.keys(),
      ...closedCost.keys(),
      ...booked.keys(),
    ]);
    for (const party of [...parties].sort()) {
      const delta =
        (nowCost.get(party)?.cost ?? 0) -
        (closedCost.get(party) ?? 0) -
        (booked.get(party) ?? 0);
      if (delta === 0) continue;
      const line = lines.get(party) ?? {
        ...(nowCost.get(party) ?? {
          entityRef: party,
          costCenter: null,
        }),
        cost: 0,
        adjustments: [],
      };
      line.adjustments.push({
        month: source.month,
        cost: delta,
        reason: reasonFor(source.month),
      });
      lines.set(party, line);
    }
    const unallocatedDelta =
      now.unallocated - source.statement.unallocated - bookedUnallocated;
    if (unallocatedDelta !== 0) {
      unallocatedAdjustments.push({
        month: source.month,
        cost: unallocatedDelta,
        reason: reasonFor(source.month),
      });
    }
  }
  return {
    ...statement,
    lines: [...lines.values()].sort(
      (a, b) => b.cost - a.cost || (a.entityRef < b.entityRef ? -1 : 1),
    ),
    unallocatedAdjustments,
  };
}
