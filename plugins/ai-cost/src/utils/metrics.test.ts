import { formatMetricValue, perLabel, scaleEffectSentence } from './metrics';

describe('perLabel', () => {
  it.each([
    [
      { metric: 'requests', unit: 'requests', money: false, per: 1 },
      'per request',
    ],
    [
      { metric: 'tokens', unit: 'tokens', money: false, per: 1000 },
      'per 1,000 tokens',
    ],
    [
      { metric: 'customers', unit: 'customers', money: false, per: 1 },
      'per customer',
    ],
    [
      {
        metric: 'documents_processed',
        unit: 'documents',
        money: false,
        per: 1,
      },
      'per document',
    ],
    [
      { metric: 'documents_processed', unit: null, money: false, per: 1 },
      'per documents_processed',
    ],
    [
      { metric: 'revenue', unit: 'USD', money: true, per: 1 },
      'per $1.00 of revenue',
    ],
  ])('names %j %s', (metric, expected) => {
    expect(perLabel(metric)).toBe(expected);
  });
});

describe('formatMetricValue', () => {
  it('writes money in its currency and counts with their unit', () => {
    expect(formatMetricValue(5000, { unit: 'USD', money: true })).toBe(
      '$5,000.00',
    );
    expect(formatMetricValue(40000, { unit: 'requests', money: false })).toBe(
      '40,000 requests',
    );
    expect(formatMetricValue(12.5, { unit: null, money: false })).toBe('12.5');
  });
});

describe('scaleEffectSentence', () => {
  it.each([
    [
      0.4,
      -0.12,
      'Volume +40.0%, unit cost -12.0%: costs grow slower than use.',
    ],
    [
      0.25,
      0.1,
      'Volume +25.0%, unit cost +10.0%: unit cost rising with volume.',
    ],
    [
      -0.2,
      0.15,
      'Volume -20.0%, unit cost +15.0%: unit cost rising while volume falls.',
    ],
    [
      -0.2,
      -0.1,
      'Volume -20.0%, unit cost -10.0%: costs fall faster than use.',
    ],
    [0.3, 0.001, 'Volume +30.0%, unit cost +0.1%: costs follow use.'],
  ])('volume %d, unit cost %d', (volume, unitCost, expected) => {
    expect(scaleEffectSentence(volume, unitCost)).toBe(expected);
  });

  it('says nothing without a previous period to compare with', () => {
    expect(scaleEffectSentence(null, -0.1)).toBeUndefined();
    expect(scaleEffectSentence(0.1, null)).toBeUndefined();
  });
});
