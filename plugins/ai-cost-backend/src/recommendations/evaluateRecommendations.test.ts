import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import {
  USD,
  fakePricing,
  usageDay,
} from '../__testUtils__/recommendationData';
import {
  claimTraffic,
  evaluateRecommendations,
  historyStart,
  toModelSeries,
  type AttributedUsage,
} from './evaluateRecommendations';

const ASOF = '2026-11-20';
const SVC = 'component:default/svc';

function row(
  date: string,
  apiKeyId: string,
  amounts: Partial<AttributedUsage>,
): AttributedUsage {
  return {
    ...usageDay(date, amounts),
    entityRef: SVC,
    provider: 'openai',
    model: 'gpt-4o',
    apiKeyId,
    ...amounts,
  };
}

describe('evaluateRecommendations', () => {
  it('reads 37 days: 30 for most rules, 7 + 30 for output length', () => {
    expect(historyStart(ASOF)).toBe('2026-10-15');
  });

  it('sums the api keys of a model into one daily series', () => {
    const [series] = toModelSeries([
      row('2026-11-02', 'key_a', { requests: 2, cost: 5 }),
      row('2026-11-01', 'key_a', { requests: 1, cost: 1 }),
      row('2026-11-01', 'key_b', { requests: 3, cost: 2 }),
      row('2026-11-01', '', { model: '', requests: 9, cost: 9 }),
    ]);
    expect(series.days.map(d => [d.date, d.requests, d.cost])).toEqual([
      ['2026-11-01', 4, 3],
      ['2026-11-02', 2, 5],
    ]);
  });

  it('counts traffic of the last 30 days only', () => {
    const traffic = claimTraffic(
      [
        row('2026-10-21', 'key_old', { requests: 5, cost: 1 }),
        row('2026-10-22', 'key_new', { requests: 5, cost: 1 }),
      ],
      [],
      ASOF,
    );
    expect([...traffic.apiKeys]).toEqual(['openai\u0000key_new']);
  });

  it('runs every rule over every entity model, then claims and ownerless spend', () => {
    // 15,000 short gpt-4o calls in 30 days, weekdays only (not batch-like).
    const rows = eachDay('2026-10-22', ASOF)
      .filter(date => ![0, 6].includes(new Date(date).getUTCDay()))
      .map(date =>
        row(date, 'key_main', {
          requests: 1_000,
          inputTokens: 500_000,
          outputTokens: 100_000,
          // 0.5M × $10/M + 0.1M × $30/M = $8
          cost: 8 * USD,
        }),
      );
    const findings = evaluateRecommendations({
      asOf: ASOF,
      currency: 'USD',
      pricing: fakePricing({
        'openai/gpt-4o': { input: 10, output: 30 },
        'openai/gpt-4o-mini': { input: 1, output: 3 },
      }),
      attributed: rows,
      unallocated: [
        {
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_x',
          cost: 20 * USD,
          requests: 1,
        },
      ],
      claims: [
        {
          entityRef: SVC,
          annotation: 'ai-cost/openai-api-key-id',
          provider: 'openai',
          dimension: 'apiKeyId',
          value: 'key_spare',
          specificity: 3,
        },
      ],
    });
    // 22 weekdays × ($8 − 0.5M × $1/M − 0.1M × $3/M = $7.20) = $158.40.
    expect(
      findings.map(f => [
        f.entityRef,
        f.rule,
        f.fingerprint,
        f.estimatedMonthlySavings,
      ]),
    ).toEqual([
      [SVC, 'model-right-sizing', 'openai/gpt-4o', 158.4 * USD],
      [SVC, 'idle-key', 'openai:apiKeyId:key_spare', 0],
      ['', 'ownerless-spend', 'openai:projectId:proj_x', 0],
    ]);
  });
});
