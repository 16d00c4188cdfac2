import { parseAmount, parseThresholds, thresholdsToText } from './thresholds';

describe('thresholds', () => {
  it('shows fractions as percentages', () => {
    expect(thresholdsToText([0.5, 0.8, 1])).toBe('50, 80, 100');
    expect(thresholdsToText([0.57, 0.333, 1.2])).toBe('57, 33.3, 120');
  });

  it('reads percentages as sorted, distinct fractions', () => {
    expect(parseThresholds('50, 80, 100')).toEqual({
      fractions: [0.5, 0.8, 1],
    });
    expect(parseThresholds('120% 50%;90,90')).toEqual({
      fractions: [0.5, 0.9, 1.2],
    });
    expect(parseThresholds('33.3')).toEqual({ fractions: [0.333] });
  });

  it.each([
    ['', 'Enter at least one percentage, e.g. 50, 80, 100'],
    ['50, abc', '"abc" is not a percentage greater than 0'],
    ['0', '"0" is not a percentage greater than 0'],
    ['-10', '"-10" is not a percentage greater than 0'],
    ['1200', '1200% is more than 1000%'],
    ['1,2,3,4,5,6,7,8,9,10,11', 'Enter at most 10 thresholds'],
  ])('rejects %p', (text, error) => {
    expect(parseThresholds(text)).toEqual({ error });
  });
});

describe('parseAmount', () => {
  it.each([
    ['2500', { amount: 2500 }],
    [' 1234.56 ', { amount: 1234.56 }],
    ['', { error: 'Enter the budget amount' }],
    ['abc', { error: 'Enter a number' }],
    ['0', { error: 'The budget must be greater than 0' }],
    ['-5', { error: 'The budget must be greater than 0' }],
    ['0.001', { error: 'The budget must be at least 0.01' }],
    ['0.01', { amount: 0.01 }],
    ['2e12', { error: 'The budget must be at most 1e12' }],
  ])('reads %p', (text, expected) => {
    expect(parseAmount(text)).toEqual(expected);
  });
});
