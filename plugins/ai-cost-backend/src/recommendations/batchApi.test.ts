import {
  USD,
  fakePricing,
  isWeekendDay,
  modelSeries,
} from '../__testUtils__/recommendationData';
import { findBatchApi } from './batchApi';

const ASOF = '2026-11-20';
const pricing = fakePricing({
  'openai/gpt-4o': { input: 10, output: 30 },
  'anthropic/claude-sonnet-4-5': { input: 10, output: 30 },
});
const context = { asOf: ASOF, pricing, currency: 'USD' };

/**
 * A day of 1,400,000 input and 200,000 output tokens: at list price
 * 1.4M × $10/M + 0.2M × $30/M = $14 + $6 = $20, billed at `scale` of that.
 */
function day(scale = 1) {
  return {
    requests: 1_000 * scale,
    inputTokens: 1_400_000 * scale,
    outputTokens: 200_000 * scale,
    cost: 20 * USD * scale,
  };
}

function steady(
  provider = 'openai',
  model = 'gpt-4o',
  perDay: (date: string, i: number) => ReturnType<typeof day> = () => day(),
  days = 30,
) {
  return modelSeries({ provider, model, asOf: ASOF, days, perDay });
}

describe('findBatchApi', () => {
  it('offers half the discount on the assumed batchable half of steady spend', () => {
    const finding = findBatchApi(steady(), context);
    // $20 a day × 30 days = $600; 50% batchable × 50% discount = $150.
    expect(finding).toMatchObject({
      rule: 'batch-api',
      fingerprint: 'openai/gpt-4o',
      estimatedMonthlySavings: 150 * USD,
      confidence: 'medium',
      evidence: {
        costLast30Days: 600,
        activeDays: 30,
        coefficientOfVariation: 0,
        weekendToWeekdayRatio: 1,
        batchDiscount: 0.5,
        assumedBatchableShare: 0.5,
        listPriceCost: 600,
        granularity: 'daily (no hourly attributed data)',
      },
    });
    expect(
      findBatchApi(steady('anthropic', 'claude-sonnet-4-5'), context),
    ).toMatchObject({ estimatedMonthlySavings: 150 * USD });
  });

  it('is low confidence when steady but not flat', () => {
    // Alternating $17 and $23: mean $20, stdev $3, variation 15%: steady
    // enough (≤ 25%), but above the 10% of medium confidence.
    const finding = findBatchApi(
      steady('openai', 'gpt-4o', (_date, i) => day(i % 2 ? 1.15 : 0.85)),
      context,
    );
    // Mean is still $20 a day: $600 × 0.25 = $150.
    expect(finding).toMatchObject({
      estimatedMonthlySavings: 150 * USD,
      confidence: 'low',
      evidence: { coefficientOfVariation: 0.15 },
    });
  });

  it('leaves interactive, spiky, part-time, discounted and non-batch traffic alone', () => {
    // Weekends at a quarter of weekdays: people at work.
    expect(
      findBatchApi(
        steady('openai', 'gpt-4o', date => day(isWeekendDay(date) ? 0.25 : 1)),
        context,
      ),
    ).toBeUndefined();
    // $10 and $30 alternating: variation 50%.
    expect(
      findBatchApi(
        steady('openai', 'gpt-4o', (_date, i) => day(i % 2 ? 1.5 : 0.5)),
        context,
      ),
    ).toBeUndefined();
    // Only 25 of 30 days with traffic.
    expect(
      findBatchApi(
        steady('openai', 'gpt-4o', () => day(), 25),
        context,
      ),
    ).toBeUndefined();
    // Billed at 40% of list price: already discounted (batch or negotiated).
    expect(
      findBatchApi(
        steady('openai', 'gpt-4o', () => ({ ...day(), cost: 8 * USD })),
        context,
      ),
    ).toBeUndefined();
    // No batch discount known for the provider.
    expect(
      findBatchApi(steady('gcp', 'gemini-2.5-pro'), context),
    ).toBeUndefined();
  });
});
