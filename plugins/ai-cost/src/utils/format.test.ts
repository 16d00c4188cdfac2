import {
  change,
  formatCompactCurrency,
  formatCompactNumber,
  formatCurrency,
  formatCurrencyChange,
  formatInteger,
  formatPercentChange,
  formatShare,
  formatUnitCost,
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
