import { makeChargebackStatement } from '../../__testUtils__/chargebackFixtures';
import { shownStatementAmounts } from './statementAmounts';

const cents = (values: number[]) =>
  values.reduce((sum, value) => sum + Math.round(value * 100), 0);

describe('shownStatementAmounts', () => {
  it('rounds the lines and unallocated spend so they add up to the total', () => {
    const shown = shownStatementAmounts(makeChargebackStatement());
    expect(shown.lines).toEqual([1234.57, 600.12, 100.01]);
    expect(shown.unallocated).toBe(65.3);
    expect(shown.total).toBe(2000);
    expect(cents([...shown.lines, shown.unallocated])).toBe(200000);
  });

  it('rounds every adjustment so they add up to the adjustments total', () => {
    const shown = shownStatementAmounts(makeChargebackStatement());
    expect(shown.lineAdjustments).toEqual([[50, -12.35], [], []]);
    expect(shown.unallocatedAdjustments).toEqual([7.01]);
    expect(shown.adjustmentsTotal).toBe(44.66);
    expect(shown.totalWithAdjustments).toBe(2044.66);
  });

  it('handles a month without spend', () => {
    const shown = shownStatementAmounts(
      makeChargebackStatement({
        lines: [],
        unallocated: 0,
        unallocatedAdjustments: [],
        total: 0,
        adjustmentsTotal: 0,
      }),
    );
    expect(shown).toEqual({
      lines: [],
      unallocated: 0,
      total: 0,
      lineAdjustments: [],
      unallocatedAdjustments: [],
      adjustmentsTotal: 0,
      totalWithAdjustments: 0,
    });
  });
});
