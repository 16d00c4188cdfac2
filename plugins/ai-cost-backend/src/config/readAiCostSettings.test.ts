import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { readAiCostSettings } from './readAiCostSettings';

const read = (aiCost: JsonObject) =>
  readAiCostSettings(mockServices.rootConfig({ data: { aiCost } }));

describe('readAiCostSettings', () => {
  it('reads the currency once, upper-cased, as the provider modules do', () => {
    expect(read({ currency: 'usd' }).currency).toBe('USD');
    expect(read({ currency: 'EUR' }).currency).toBe('EUR');
    expect(read({}).currency).toBe('USD');
  });

  it('refuses a currency that is not an ISO 4217 code, naming the key', () => {
    expect(() => read({ currency: 'dollars' })).toThrow(
      'aiCost.currency must be a three-letter ISO 4217 code, got "dollars"',
    );
  });

  it('reads exchange rates into the currency, naming a bad key', () => {
    expect(read({}).exchangeRates).toEqual([]);
    expect(
      read({ currency: 'usd', exchangeRates: { EUR: { '2026-11': 1.08 } } })
        .exchangeRates,
    ).toEqual([
      { currency: 'EUR', period: '2026-11', rate: 1.08, source: 'config' },
    ]);
    expect(() =>
      read({ exchangeRates: { EUR: { '2026-11-31': 1.08 } } }),
    ).toThrow(
      'aiCost.exchangeRates.EUR.2026-11-31: "2026-11-31" is not a day (YYYY-MM-DD) or a month (YYYY-MM)',
    );
  });

  it('has defaults for every schedule', () => {
    const settings = read({});
    expect(settings.ingestion).toEqual({
      schedule: {
        frequency: { minutes: 60 },
        timeout: { minutes: 15 },
        initialDelay: { seconds: 15 },
      },
      lookbackDays: 35,
      backfillDays: 90,
    });
    expect(settings.indexSchedule.frequency).toEqual({ minutes: 2 });
    expect(settings.postAttributionSchedule.frequency).toEqual({
      seconds: 15,
    });
    expect(settings.notifySeverity).toBe('high');
    expect(settings.demo).toBe(false);
  });

  it('reads configured schedules and refuses bad values with their key', () => {
    const settings = read({
      postAttribution: {
        schedule: { frequency: { minutes: 1 }, timeout: { minutes: 5 } },
      },
      ingestion: { lookbackDays: 7 },
    });
    expect(settings.postAttributionSchedule.frequency).toEqual({ minutes: 1 });
    expect(settings.ingestion.lookbackDays).toBe(7);
    expect(() => read({ ingestion: { backfillDays: 0 } })).toThrow(
      'aiCost.ingestion.backfillDays must be a whole number of days between 1 and 3660, got 0',
    );
    expect(() => read({ anomalies: { notifySeverity: 'loud' } })).toThrow(
      'aiCost.anomalies.notifySeverity must be one of',
    );
  });

  it('reads the org default anomaly threshold, naming a bad key', () => {
    expect(read({}).anomalyThreshold).toEqual({});
    expect(
      read({ anomalies: { minImpact: 50.5, minImpactPercent: 30 } })
        .anomalyThreshold,
    ).toEqual({ minImpactMicros: 50_500_000, minImpactPercent: 30 });
    expect(() => read({ anomalies: { minImpact: -1 } })).toThrow(
      'aiCost.anomalies.minImpact must be a non-negative amount in aiCost.currency, got -1',
    );
    expect(() => read({ anomalies: { minImpactPercent: 1001 } })).toThrow(
      'aiCost.anomalies.minImpactPercent must be a percentage between 0 and 1000, got 1001',
    );
  });

  it('reads the headroom of suggested budgets, naming a bad key', () => {
    expect(read({}).budgetSuggestionHeadroom).toBe(1.15);
    expect(
      read({ budgets: { suggestionHeadroom: 1.3 } }).budgetSuggestionHeadroom,
    ).toBe(1.3);
    expect(() => read({ budgets: { suggestionHeadroom: 0.9 } })).toThrow(
      'aiCost.budgets.suggestionHeadroom must be a multiple of the expected spend between 1 and 10, e.g. 1.15, got 0.9',
    );
  });

  it('reads the size of the query cache in bytes, naming a bad key', () => {
    expect(read({}).queryCacheBytes).toBe(64 * 1024 * 1024);
    expect(read({ queryCache: { maxMegabytes: 0 } }).queryCacheBytes).toBe(0);
    expect(read({ queryCache: { maxMegabytes: 0.5 } }).queryCacheBytes).toBe(
      524288,
    );
    expect(() => read({ queryCache: { maxMegabytes: -1 } })).toThrow(
      'aiCost.queryCache.maxMegabytes must be a number of megabytes between 0 (no cache) and 65536, e.g. 64, got -1',
    );
  });
});
