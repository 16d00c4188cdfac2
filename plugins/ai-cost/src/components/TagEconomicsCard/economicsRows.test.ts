import { makeCustomerEconomics } from '../../__testUtils__/unitEconomicsFixtures';
import {
  economicsCsv,
  economicsItemLabel,
  economicsRows,
  shownTotal,
} from './economicsRows';

describe('economicsRows', () => {
  it('names tag values, values without a tag and folded values', () => {
    expect(economicsItemLabel('customer', { key: 'acme' })).toBe('acme');
    expect(economicsItemLabel('customer', { key: null })).toBe(
      'No customer tag',
    );
    expect(economicsItemLabel('feature', { key: null })).toBe('No feature tag');
    expect(economicsItemLabel('customer', { key: null, otherValues: 1 })).toBe(
      '1 other customer',
    );
    expect(
      economicsItemLabel('customer', { key: null, otherValues: 1200 }),
    ).toBe('1,200 other customers');
  });

  it('rounds costs once so that they add up to the total', () => {
    const rollup = makeCustomerEconomics({
      total: 1,
      items: [
        { key: 'a', cost: 0.333333, previousCost: 0 },
        { key: 'b', cost: 0.333333, previousCost: 0 },
        { key: 'c', cost: 0.333334, previousCost: 0 },
      ],
    });
    const rows = economicsRows('customer', rollup);
    expect(rows.map(row => row.shownCost)).toEqual([0.33, 0.33, 0.34]);
    expect(shownTotal(rows)).toBe(1);
  });

  it('writes CSV with quoting and defused formulas, empty where there is no value', () => {
    const rollup = makeCustomerEconomics({
      items: [
        {
          key: '=HYPERLINK("x")',
          cost: 1,
          previousCost: 0,
          metricValue: null,
          unitCost: null,
          margin: null,
          marginPercent: null,
        },
        { key: 'Acme, Inc.', cost: 2.5, previousCost: 1 },
      ],
    });
    expect(economicsCsv(economicsRows('customer', rollup))).toBe(
      [
        'key,cost,previous_cost,metric_value,unit_cost,margin,margin_percent',
        `"'=HYPERLINK(""x"")",1.00,0.00,,,,`,
        '"Acme, Inc.",2.50,1.00,,,,',
        '',
      ].join('\r\n'),
    );
  });
});
