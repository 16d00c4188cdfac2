import { anomalySeverity, maxSeverity } from './severity';

const thresholds = { k: 3.5, minImpactMicros: 5_000_000 };

describe('anomalySeverity', () => {
  it('bands the score in multiples of k', () => {
    // Impact $400 (≥ 20 × $5) caps nothing.
    expect(anomalySeverity(4, 400e6, thresholds)).toBe('low'); // 1.1k
    expect(anomalySeverity(12, 400e6, thresholds)).toBe('medium'); // 3.4k
    expect(anomalySeverity(-20, 400e6, thresholds)).toBe('high'); // 5.7k
    expect(anomalySeverity(30, 400e6, thresholds)).toBe('critical'); // 8.6k
  });

  it('caps small impacts', () => {
    expect(anomalySeverity(30, 50e6, thresholds)).toBe('high'); // < $100
    expect(anomalySeverity(30, 15e6, thresholds)).toBe('medium'); // < $20
    expect(anomalySeverity(4, 15e6, thresholds)).toBe('low');
  });

  it('orders severities', () => {
    expect(maxSeverity('low', 'high')).toBe('high');
    expect(maxSeverity('critical', 'medium')).toBe('critical');
  });
});
