import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import { yearPlan, type PlanLine } from './yearPlan';

const USD = 1_000_000;
const CENT = 10_000;

function flat(cost: number, to = '2026-03-15') {
  return eachDay('2025-12-01', to).map(date => ({ date, cost }));
}

// Since 2025-12-01 a team at $10 a day, two teams at half a cent a day and
// $1 a day unallocated; data up to 2026-03-15.
const parties = [
  { entityRef: 'group:default/a', series: flat(10 * USD) },
  { entityRef: 'group:default/b', series: flat(5_000) },
  { entityRef: 'group:default/c', series: flat(5_000) },
];
const options = {
  asOf: '2026-03-15',
  historyFrom: '2025-12-01',
  parties,
  unallocated: flat(USD),
};

const amounts = (line: PlanLine) => line.months.map(m => m.amount);

describe('yearPlan', () => {
  const plan = yearPlan({ year: 2026, ...options });
  const team = (ref: string) => plan.teams.find(t => t.entityRef === ref)!;

  it('has the actual spend of ended months and forecasts the rest', () => {
    const a = team('group:default/a');
    expect(a.months.map(m => m.kind)).toEqual([
      'actual',
      'actual',
      ...new Array(10).fill('forecast'),
    ]);
    // A flat $10 a day: 31, 28, 31, 30 … days; March is 15 actual days and
    // 16 forecast ones.
    expect(amounts(a)).toEqual(
      [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map(d => d * 10 * USD),
    );
    expect(a.total).toBe(3650 * USD);
    expect(a.months[0].low).toBeUndefined();
    for (const month of a.months.slice(2)) {
      expect(month.low).toBeLessThan(month.amount!);
      expect(month.high).toBeGreaterThan(month.amount!);
    }
  });

  it('rounds each month once, so the lines add up to the total', () => {
    // January: 31 × half a cent = 15.5 cents for b and c, 31 cents together:
    // the tied cent goes to b, the first. Rounded on their own both would be
    // 16 cents and the lines would not add up.
    const b = team('group:default/b');
    const c = team('group:default/c');
    expect(b.months[0].amount).toBe(16 * CENT);
    expect(c.months[0].amount).toBe(15 * CENT);
    // February's 28 days are 14 cents exactly.
    expect(b.months[1].amount).toBe(14 * CENT);
    // Seven 31-day months at 16 cents, four 30-day ones at 15, February 14.
    expect(b.total).toBe(186 * CENT);
    expect(c.total).toBe(179 * CENT);
    expect(amounts(plan.unallocated)[0]).toBe(31 * USD);
    expect(plan.unallocated.total).toBe(365 * USD);

    // January: $310 + $0.16 + $0.15 + $31 = $341.31.
    expect(plan.totals.months[0]).toEqual({
      month: '2026-01',
      kind: 'actual',
      amount: 341_310_000,
    });
    plan.totals.months.forEach((month, m) => {
      const lines = [...plan.teams, plan.unallocated];
      expect(lines.reduce((sum, l) => sum + l.months[m].amount!, 0)).toBe(
        month.amount,
      );
    });
    // 365 days × $11.01 = $4,018.65.
    expect(plan.totals.total).toBe(4_018_650_000);
  });

  it('bands the total from the whole organisation', () => {
    const april = plan.totals.months[3];
    expect(april.kind).toBe('forecast');
    expect(april.amount).toBe(330_300_000); // 30 × $11.01
    expect(april.low).toBeLessThan(april.amount!);
    expect(april.high).toBeGreaterThan(april.amount!);
  });

  it('sorts the teams by their year, largest first', () => {
    expect(plan.teams.map(t => t.entityRef)).toEqual([
      'group:default/a',
      'group:default/b',
      'group:default/c',
    ]);
  });

  it('has no data before the history, actual after it, all forecast for the next year', () => {
    const past = yearPlan({ year: 2025, ...options });
    // History began on 2025-12-01: $11.01 × 31 days in December only; the
    // months before are not $0 but unknown, and left out of the year.
    expect(past.totals.months.map(m => m.kind)).toEqual([
      ...new Array(11).fill('no-data'),
      'actual',
    ]);
    expect(amounts(past.totals)).toEqual([
      ...new Array(11).fill(null),
      341_310_000,
    ]);
    expect(past.totals.total).toBe(341_310_000);
    expect(past.teams[0].total).toBe(310 * USD);
    // A month partly before the history is actual for the days it has.
    const partly = yearPlan({
      year: 2025,
      ...options,
      historyFrom: '2025-11-20',
    });
    expect(partly.totals.months[10]).toEqual({
      month: '2025-11',
      kind: 'actual',
      amount: 0,
    });
    const before = yearPlan({ year: 2024, ...options });
    expect(before.totals.total).toBeNull();
    expect(
      yearPlan({ ...options, year: 2025, historyFrom: null }).totals.total,
    ).toBeNull();
    const next = yearPlan({ year: 2027, ...options });
    expect(next.totals.months.every(m => m.kind === 'forecast')).toBe(true);
    expect(next.teams[0].months[0].amount).toBe(310 * USD);
  });

  it('widens the band with the months ahead', () => {
    // A flat series forecasts perfectly: the error is the 5% floor, so a
    // month k months after March has a band of ±5% × √(k + 1) around its
    // median. December 2027 (21 months after): ±5% × √22 = ±23.45%.
    const next = yearPlan({ year: 2027, ...options });
    const december = next.teams[0].months[11];
    expect(december.amount).toBe(310 * USD);
    expect(december.low).toBe(237_300_000); // $310 × (1 − 0.2345), to the cent
    expect(december.high).toBe(382_700_000);
    // April, one month after: ±5% × √2 = ±7.07%, $300 ± $21.21.
    const april = plan.teams[0].months[3];
    expect([april.low, april.high]).toEqual([278_790_000, 321_210_000]);
    const widths = plan.teams[0].months.slice(3).map(m => m.high! - m.low!);
    // Wider every month but February-length effects: per day of the month.
    const perDay = widths.map(
      (w, i) => w / [30, 31, 30, 31, 31, 30, 31, 30, 31][i],
    );
    perDay.slice(1).forEach((w, i) => expect(w).toBeGreaterThan(perDay[i]));
  });
});
