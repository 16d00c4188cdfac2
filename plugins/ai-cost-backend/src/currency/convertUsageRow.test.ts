import type { DbUsageRow } from '../database/tables';
import { convertUsageRow } from './convertUsageRow';
import { ExchangeRates } from './ExchangeRates';

const rates = new ExchangeRates([
  { currency: 'EUR', period: '2026-11', rate: 1.08, source: 'config' },
  { currency: 'EUR', period: '2026-11-14', rate: 1.07, source: 'config' },
]);

function row(overrides: Partial<DbUsageRow>): DbUsageRow {
  return {
    source_id: 'azure',
    provider: 'azure',
    record_key: 'k',
    date: '2026-11-13',
    hour: null,
    account_id: null,
    project_id: null,
    resource_id: null,
    api_key_id: null,
    user_id: null,
    region: null,
    service_tier: null,
    tags: null,
    model: null,
    line_item: null,
    input_tokens: 0,
    cached_input_tokens: 0,
    cache_write_tokens: 0,
    cache_write_1h_tokens: 0,
    output_tokens: 0,
    reasoning_tokens: 0,
    requests: 0,
    cost_micros: 100_000_000,
    estimated_cost_micros: 50_000_001,
    currency: 'EUR',
    cost_kind: 'billed',
    unpriced: false,
    run_id: null,
    original_cost: null,
    original_currency: null,
    exchange_rate: null,
    ...overrides,
  };
}

describe('convertUsageRow', () => {
  it('converts cost and estimate at the month rate and keeps the original', () => {
    expect(convertUsageRow(row({}), 'USD', rates)).toMatchObject({
      cost_micros: 108_000_000,
      // 50.000001 × 1.08 = 54.00000108 → 54.000001
      estimated_cost_micros: 54_000_001,
      currency: 'USD',
      original_cost: 100_000_000,
      original_currency: 'EUR',
      exchange_rate: 1.08,
    });
  });

  it("takes the day's rate over the month's", () => {
    expect(
      convertUsageRow(row({ date: '2026-11-14' }), 'USD', rates),
    ).toMatchObject({ cost_micros: 107_000_000, exchange_rate: 1.07 });
  });

  it('takes a rate the bill states over the known ones', () => {
    expect(
      convertUsageRow(row({ exchange_rate: 1.1 }), 'USD', rates),
    ).toMatchObject({ cost_micros: 110_000_000, exchange_rate: 1.1 });
  });

  it('leaves a row in the reporting currency untouched', () => {
    const usd = row({ currency: 'USD' });
    expect(convertUsageRow(usd, 'USD', rates)).toBe(usd);
    expect(
      convertUsageRow(
        row({ currency: 'USD', exchange_rate: 1.2 }),
        'USD',
        rates,
      ),
    ).toMatchObject({
      cost_micros: 100_000_000,
      exchange_rate: null,
      original_cost: null,
    });
  });

  it('keeps a null estimate null', () => {
    expect(
      convertUsageRow(row({ estimated_cost_micros: null }), 'USD', rates)
        .estimated_cost_micros,
    ).toBeNull();
  });

  it('fails naming currency and day when no rate is known', () => {
    expect(() =>
      convertUsageRow(row({ date: '2026-10-31' }), 'USD', rates),
    ).toThrow(
      'No exchange rate for EUR on 2026-10-31 (aiCost.exchangeRates or POST /import/exchange-rates)',
    );
    expect(() =>
      convertUsageRow(row({ currency: 'GBP' }), 'USD', rates),
    ).toThrow('No exchange rate for GBP on 2026-11-13');
  });
});
