import { ConfigReader } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { readExchangeRates } from './readExchangeRates';

const read = (exchangeRates: JsonValue) =>
  readExchangeRates(new ConfigReader({ aiCost: { exchangeRates } }), 'USD');

describe('readExchangeRates', () => {
  it('reads month and day rates', () => {
    expect(read({ EUR: { '2026-11': 1.08, '2026-12-01': 1.07 } })).toEqual([
      { currency: 'EUR', period: '2026-11', rate: 1.08, source: 'config' },
      { currency: 'EUR', period: '2026-12-01', rate: 1.07, source: 'config' },
    ]);
    expect(readExchangeRates(new ConfigReader({}), 'USD')).toEqual([]);
  });

  it.each([
    [
      { eur: { '2026-11': 1 } },
      'aiCost.exchangeRates.eur: "eur" is not an ISO 4217',
    ],
    [
      { USD: { '2026-11': 1 } },
      'aiCost.exchangeRates.USD: USD is the reporting currency',
    ],
    [
      { EUR: { '2026-13': 1 } },
      'aiCost.exchangeRates.EUR.2026-13: "2026-13" is not a day',
    ],
    [
      { EUR: { '2026-02-30': 1 } },
      'aiCost.exchangeRates.EUR.2026-02-30: "2026-02-30" is not a day',
    ],
    [
      { EUR: { '2026-11': 0 } },
      'aiCost.exchangeRates.EUR.2026-11: 0 is not a positive finite number',
    ],
    [
      { EUR: { '2026-11': -1.08 } },
      'aiCost.exchangeRates.EUR.2026-11: -1.08 is not',
    ],
    [
      { EUR: { '2026-11': 'x' } },
      'aiCost.exchangeRates.EUR.2026-11: "x" is not',
    ],
  ])('refuses %j naming the key', (rates, message) => {
    expect(() => read(rates)).toThrow(message);
  });
});
