import {
  USD,
  fakePricing,
  modelSeries,
} from '../__testUtils__/recommendationData';
import { findOutputLength } from './outputLength';

const ASOF = '2026-11-20';
const RECENT_FROM = '2026-11-14';
const pricing = fakePricing({ 'openai/gpt-4o': { input: 10, output: 30 } });
const context = { asOf: ASOF, pricing, currency: 'USD' };

/**
 * 37 days of 1,000,000 input tokens a day: 100,000 output tokens a day
 * (ratio 0.1) in the 30 days of history, `recentOutput` in the last 7.
 */
function series(recentOutput: number, options: { input?: number } = {}) {
  const input = options.input ?? 1_000_000;
  return modelSeries({
    provider: 'openai',
    model: 'gpt-4o',
    asOf: ASOF,
    days: 37,
    perDay: date => ({
      requests: 1_000,
      inputTokens: input,
      outputTokens: date >= RECENT_FROM ? recentOutput : input / 10,
      cost: USD,
    }),
  });
}

describe('findOutputLength', () => {
  it('prices the output above the historical ratio', () => {
    const finding = findOutputLength(series(300_000), context);
    // Ratio 0.3 against 0.1. Excess per day: 300,000 − 0.1 × 1,000,000 =
    // 200,000 tokens × $30/M = $6; 7 days = $42; × 30 / 7 = $180 a month.
    expect(finding).toMatchObject({
      rule: 'output-length',
      fingerprint: 'openai/gpt-4o',
      estimatedMonthlySavings: 180 * USD,
      confidence: 'medium',
      evidence: {
        recentFrom: RECENT_FROM,
        recentTo: ASOF,
        historyFrom: '2026-10-15',
        historyTo: '2026-11-13',
        recentOutputInputRatio: 0.3,
        historicalOutputInputRatio: 0.1,
        excessOutputTokens: 1_400_000,
        excessOutputCost: 42,
      },
    });
    expect(finding!.title).toBe('Output of gpt-4o is 3× longer than usual');
  });

  it('needs more than twice the ratio, a history and a material saving', () => {
    // Ratio 0.2 is exactly twice 0.1: not above it.
    expect(findOutputLength(series(200_000), context)).toBeUndefined();
    // Only the last 10 days exist: no 14 days of history.
    const young = series(300_000);
    young.days = young.days.slice(-10);
    expect(findOutputLength(young, context)).toBeUndefined();
    // 10,000 input tokens a day: excess 2,000 × $30/M = $0.06 a day, $0.42
    // in 7 days, $1.80 a month: below the $10 floor.
    expect(
      findOutputLength(series(3_000, { input: 10_000 }), context),
    ).toBeUndefined();
  });
});
