import {
  change,
  formatCompactCurrency,
  formatCompactNumber,
  formatCurrency,
  formatCurrencyChange,
  formatDay,
  formatFraction,
  formatInteger,
  formatNumber,
  formatPercentChange,
  formatShare,
  formatUnitCost,
  humanizeKey,
  splitProviderKey,
} from './format';

describe('formatCurrency', () => {
  it.each([
    [1234.5678, '$1,234.57'],
    [0, '$0.00'],
    [0.01, '$0.01'],
    [12, '$12.00'],
    [1_000_000.005, '$1,000,000.01'],
    [-412.1, '-$412.10'],
  ])('formats %p as %p', (value, expected) => {
    expect(formatCurrency(value, 'USD')).toBe(expected);
  });

  it('keeps sub-cent amounts visible', () => {
    expect(formatCurrency(0.0042, 'USD')).toBe('$0.0042');
    expect(formatCurrency(0.000042, 'USD')).toBe('$0.000042');
    expect(formatCurrency(0.00419, 'USD')).toBe('$0.0042');
    expect(formatCurrency(-0.003, 'USD')).toBe('-$0.003');
  });

  it('uses the given currency and locale', () => {
    expect(formatCurrency(1234.5, 'EUR')).toBe('€1,234.50');
    expect(formatCurrency(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });
});

describe('formatCurrencyChange', () => {
  it('signs increases and decreases', () => {
    expect(formatCurrencyChange(234.5678, 'USD')).toBe('+$234.57');
    expect(formatCurrencyChange(-12, 'USD')).toBe('-$12.00');
    expect(formatCurrencyChange(0, 'USD')).toBe('$0.00');
  });
});

describe('formatUnitCost', () => {
  it('keeps three significant digits under ten cents', () => {
    expect(formatUnitCost(1234.5678 / 152_340, 'USD')).toBe('$0.0081');
    expect(formatUnitCost(0.019912, 'USD')).toBe('$0.0199');
    expect(formatUnitCost(0.5, 'USD')).toBe('$0.50');
    expect(formatUnitCost(0.0025, 'USD')).toBe('$0.0025');
    expect(formatUnitCost(2.456, 'USD')).toBe('$2.46');
    expect(formatUnitCost(0, 'USD')).toBe('$0.00');
  });
});

describe('compact formats', () => {
  it.each([
    [950, '950'],
    [12_500, '12.5K'],
    [1_234_567, '1.2M'],
    [62_000_000, '62M'],
    [3_400_000_000, '3.4B'],
  ])('formats %p tokens as %p', (value, expected) => {
    expect(formatCompactNumber(value)).toBe(expected);
  });

  it('formats axis amounts', () => {
    expect(formatCompactCurrency(1250, 'USD')).toBe('$1.3K');
    expect(formatCompactCurrency(40, 'USD')).toBe('$40');
  });

  it('groups whole counts', () => {
    expect(formatInteger(152_340)).toBe('152,340');
  });
});

describe('percentages', () => {
  it('signs changes', () => {
    expect(formatPercentChange(0.2345678)).toBe('+23.5%');
    expect(formatPercentChange(-0.04)).toBe('-4.0%');
    expect(formatPercentChange(0)).toBe('0.0%');
  });

  it('formats shares', () => {
    expect(formatShare(0.648)).toBe('64.8%');
  });
});

describe('change', () => {
  it('computes delta and ratio', () => {
    expect(change(1234.5678, 1000)).toEqual({
      delta: 234.5678,
      ratio: 0.2345678,
    });
  });

  it('has no ratio without previous spend', () => {
    expect(change(50, 0)).toEqual({ delta: 50, ratio: null });
  });
});

describe('formatNumber', () => {
  it.each([
    [120000, '120,000'],
    [42.5, '42.5'],
    [0.04, '0.04'],
    [1 / 3, '0.3333'],
  ])('formats %p as %p', (value, expected) => {
    expect(formatNumber(value)).toBe(expected);
  });
});

describe('formatFraction', () => {
  it.each([
    [0.5, '50%'],
    [0.8, '80%'],
    [1, '100%'],
    [1.2, '120%'],
    [0.333, '33.3%'],
  ])('formats %p as %p', (value, expected) => {
    expect(formatFraction(value)).toBe(expected);
  });
});

describe('formatDay', () => {
  it('formats UTC days whatever the local time zone', () => {
    expect(formatDay('2026-11-25')).toBe('Nov 25');
    expect(formatDay('2026-12-01')).toBe('Dec 1');
    expect(formatDay('2027-01-01', { withYear: true })).toBe('Jan 1, 2027');
  });
});

describe('splitProviderKey', () => {
  it('splits at the first slash', () => {
    expect(splitProviderKey('openai/gpt-4o')).toEqual({
      provider: 'openai',
      rest: 'gpt-4o',
    });
    expect(splitProviderKey('aws/bedrock/claude')).toEqual({
      provider: 'aws',
      rest: 'bedrock/claude',
    });
    expect(splitProviderKey('openai')).toEqual({
      provider: 'openai',
      rest: '',
    });
  });
});

describe('humanizeKey', () => {
  it.each([
    ['avgInputTokens', 'Avg input tokens'],
    ['cache_read_share', 'Cache read share'],
    ['requests', 'Requests'],
    ['p95-latency', 'P95 latency'],
    ['costLast30Days', 'Cost last 30 days'],
  ])('turns %p into %p', (key, expected) => {
    expect(humanizeKey(key)).toBe(expected);
  });
});
