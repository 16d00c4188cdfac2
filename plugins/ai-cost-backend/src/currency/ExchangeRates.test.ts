import {
  currencyProblem,
  ExchangeRates,
  missingRateMessage,
  periodProblem,
  rateProblem,
} from './ExchangeRates';
import { convertMicros } from './convertMicros';

describe('ExchangeRates', () => {
  const rates = new ExchangeRates([
    { currency: 'EUR', period: '2026-11', rate: 1.08, source: 'config' },
    { currency: 'EUR', period: '2026-12-01', rate: 1.07, source: 'config' },
    { currency: 'EUR', period: '2026-12', rate: 1.09, source: 'config' },
  ]);

  it('takes a day rate over its month rate', () => {
    expect(rates.rateFor('EUR', '2026-12-01')).toBe(1.07);
    expect(rates.rateFor('EUR', '2026-12-02')).toBe(1.09);
  });

  it('falls back to the month rate for any day of the month', () => {
    expect(rates.rateFor('EUR', '2026-11-01')).toBe(1.08);
    expect(rates.rateFor('EUR', '2026-11-30')).toBe(1.08);
  });

  it('knows nothing outside the rates or of other currencies', () => {
    expect(rates.rateFor('EUR', '2026-10-31')).toBeUndefined();
    expect(rates.rateFor('GBP', '2026-11-14')).toBeUndefined();
  });

  it('lets an imported rate beat a configured one for the same key, in either order', () => {
    const imported = {
      currency: 'EUR',
      period: '2026-11',
      rate: 1.1,
      source: 'import' as const,
    };
    const configured = { ...imported, rate: 1.08, source: 'config' as const };
    expect(
      new ExchangeRates([imported, configured]).rateFor('EUR', '2026-11-14'),
    ).toBe(1.1);
    expect(
      new ExchangeRates([configured, imported]).rateFor('EUR', '2026-11-14'),
    ).toBe(1.1);
    expect(new ExchangeRates([configured, imported]).list()).toEqual([
      imported,
    ]);
  });

  it('names currency and day when a rate is missing', () => {
    expect(missingRateMessage('EUR', '2026-11-14')).toBe(
      'No exchange rate for EUR on 2026-11-14 (aiCost.exchangeRates or POST /import/exchange-rates)',
    );
  });

  it('validates codes, periods and rates', () => {
    expect(currencyProblem('EUR')).toBeUndefined();
    expect(currencyProblem('eur')).toMatch(/not an ISO 4217/);
    expect(currencyProblem('EURO')).toMatch(/not an ISO 4217/);
    expect(periodProblem('2026-11')).toBeUndefined();
    expect(periodProblem('2026-11-30')).toBeUndefined();
    expect(periodProblem('2026-11-31')).toMatch(/not a day/);
    expect(periodProblem('2026-13')).toMatch(/not a day/);
    expect(periodProblem('11/2026')).toMatch(/not a day/);
    expect(rateProblem(1.08)).toBeUndefined();
    expect(rateProblem(0)).toMatch(/positive finite/);
    expect(rateProblem(-1)).toMatch(/positive finite/);
    expect(rateProblem(Infinity)).toMatch(/positive finite/);
    expect(rateProblem('1.08')).toMatch(/positive finite/);
  });
});

describe('convertMicros', () => {
  it.each([
    // EUR 12.345678 at 1.08 = USD 13.33333224 → 13.333332
    [12_345_678, 1.08, 13_333_332],
    // EUR 10 at the day rate 1.07 = USD 10.70
    [10_000_000, 1.07, 10_700_000],
    // ¥1,500 (1.5e9 micro-yen) at 0.0065 = USD 9.75
    [1_500_000_000, 0.0065, 9_750_000],
    // A refund converts to the negative of the same charge
    [-2_500_001, 1.08, -2_700_001],
    [2_500_001, 1.08, 2_700_001],
    // Half a micro rounds away from zero, exactly (floating point says 1000.4999…)
    [1000, 1.0005, 1001],
    [-1000, 1.0005, -1001],
    [5, 1.1, 6],
    // Small and exponent-written rates
    [1_000_000_000, 1e-7, 100],
    [0, 1.08, 0],
  ])('%d micros at %d is %d', (micros, rate, expected) => {
    expect(convertMicros(micros, rate)).toBe(expected);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => convertMicros(1, 0)).toThrow(/not a positive finite number/);
  });
});
