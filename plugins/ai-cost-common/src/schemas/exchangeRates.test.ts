import { describeZodError } from './common';
import { exchangeRatesQuerySchema } from './exchangeRates';

describe('exchangeRatesQuerySchema', () => {
  it('upper-cases the currency and leaves every filter optional', () => {
    expect(exchangeRatesQuerySchema.parse({})).toEqual({});
    expect(
      exchangeRatesQuerySchema.parse({
        currency: 'eur',
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).toEqual({ currency: 'EUR', from: '2026-11-01', to: '2026-11-30' });
  });

  it('names the bad field', () => {
    const problems = (query: object) => {
      const parsed = exchangeRatesQuerySchema.safeParse(query);
      return parsed.success ? '' : describeZodError(parsed.error);
    };
    expect(problems({ currency: 'EURO' })).toMatch(
      /^currency: must be a three-letter ISO 4217/,
    );
    expect(problems({ from: '2026-11-31' })).toMatch(
      /^from: must be a calendar date/,
    );
    expect(problems({ from: '2026-11-02', to: '2026-11-01' })).toBe(
      'to: must not be before from',
    );
    expect(problems({ month: '2026-11' })).toMatch(/month/);
  });
});
