import {
  USD,
  fakePricing,
  modelSeries,
} from '../__testUtils__/recommendationData';
import { findModelRightSizing } from './modelRightSizing';

const ASOF = '2026-11-20';
const pricing = fakePricing({
  'openai/gpt-4o': { input: 10, output: 30 },
  'openai/gpt-4o-mini': { input: 1, output: 3 },
  'anthropic/claude-opus-4-1': { input: 15, output: 75 },
});
const context = { asOf: ASOF, pricing, currency: 'USD' };

/**
 * 500 requests a day of 600 input and 100 output tokens on gpt-4o:
 * 300,000 × $10/M + 50,000 × $30/M = $3 + $1.50 = $4.50 a day.
 */
function gpt4o(
  days: number,
  overrides: { requests?: number; outputTokens?: number } = {},
) {
  const requests = overrides.requests ?? 500;
  const outputTokens = overrides.outputTokens ?? 50_000;
  return modelSeries({
    provider: 'openai',
    model: 'gpt-4o',
    asOf: ASOF,
    days,
    perDay: () => ({
      requests,
      inputTokens: 300_000,
      outputTokens,
      cost: 300_000 * 10 + outputTokens * 30,
    }),
  });
}

describe('findModelRightSizing', () => {
  it('prices the same tokens on the cheaper sibling and scales to a month', () => {
    const finding = findModelRightSizing(gpt4o(30), context);
    // Per day on gpt-4o-mini: 300,000 × $1/M + 50,000 × $3/M = $0.30 + $0.15
    // = $0.45; saving $4.50 − $0.45 = $4.05 a day × 30 days = $121.50.
    expect(finding).toMatchObject({
      entityRef: 'component:default/svc',
      rule: 'model-right-sizing',
      fingerprint: 'openai/gpt-4o',
      estimatedMonthlySavings: 121.5 * USD,
      confidence: 'medium',
      evidence: {
        cheaperModel: 'gpt-4o-mini',
        requests: 15_000,
        requestsPer30Days: 15_000,
        avgInputTokens: 600,
        avgOutputTokens: 100,
        actualCost: 135,
        listPriceCost: 135,
        costOnCheaperModel: 13.5,
        coverageDays: 30,
      },
    });
    expect(finding!.title).toBe(
      'Try gpt-4o-mini instead of gpt-4o for short calls',
    );
    // Prices apply by the date of usage: one query per day.
    expect(
      pricing.queries.filter(q => q.model === 'gpt-4o-mini').map(q => q.date),
    ).toContain('2026-10-22');
  });

  it('extrapolates a model used for part of the window to 30 days', () => {
    // 10 days × 1,500 requests = 15,000 in 10 days, 45,000 a month; saving
    // 3 × $4.05 = $12.15 a day × 10 days = $121.50, × 30 / 10 = $364.50.
    const series = modelSeries({
      provider: 'openai',
      model: 'gpt-4o',
      asOf: ASOF,
      days: 10,
      perDay: () => ({
        requests: 1_500,
        inputTokens: 900_000,
        outputTokens: 150_000,
        cost: 900_000 * 10 + 150_000 * 30,
      }),
    });
    expect(findModelRightSizing(series, context)).toMatchObject({
      estimatedMonthlySavings: 364.5 * USD,
      confidence: 'low',
      evidence: { coverageDays: 10, requestsPer30Days: 45_000 },
    });
  });

  it('leaves long outputs, low volume and models without a sibling alone', () => {
    // 400 output tokens per request is above the 300 threshold.
    expect(
      findModelRightSizing(gpt4o(30, { outputTokens: 200_000 }), context),
    ).toBeUndefined();
    // 9,000 requests in 30 days is below 10,000.
    expect(
      findModelRightSizing(gpt4o(30, { requests: 300 }), context),
    ).toBeUndefined();
    // gpt-4o-mini has no cheaper sibling in the map.
    const mini = { ...gpt4o(30), model: 'gpt-4o-mini' };
    expect(findModelRightSizing(mini, context)).toBeUndefined();
    // Fewer than 7 days of history are not extrapolated.
    expect(findModelRightSizing(gpt4o(5), context)).toBeUndefined();
  });

  it('needs a price for the cheaper model and traffic in the last week', () => {
    // claude-opus-4-1 maps to claude-sonnet-4-5, which this table cannot price.
    const opus = {
      ...gpt4o(30),
      provider: 'anthropic',
      model: 'claude-opus-4-1',
    };
    expect(findModelRightSizing(opus, context)).toBeUndefined();
    // Traffic that stopped 8 days ago: the team already moved on.
    const stopped = gpt4o(30);
    stopped.days = stopped.days.slice(0, 22);
    expect(findModelRightSizing(stopped, context)).toBeUndefined();
  });
});
