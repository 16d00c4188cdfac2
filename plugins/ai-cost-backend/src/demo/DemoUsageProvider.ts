import {
  DEFAULT_WORKSPACE,
  eachDay,
  dayToEpochMs,
} from '@ai-cost/plugin-ai-cost-common';
import type {
  AiCostProvider,
  ProviderFetchContext,
  UsageRecord,
  UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { DEMO_STREAMS, type DemoStream } from './demoStreams';

/** Series start: growth is measured from here so a day's numbers never depend on "today". */
const EPOCH = '2026-01-01';
const DAILY_GROWTH = 0.004;
const SPIKE_PERIOD_DAYS = 37;
const SPIKE_LENGTH_DAYS = 3;

/** A small deterministic PRNG (mulberry32) seeded per day and stream. */
function random(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function dayIndex(day: string): number {
  return Math.round((dayToEpochMs(day) - dayToEpochMs(EPOCH)) / 86_400_000);
}

function patternFactor(stream: DemoStream, day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 Sunday
  const weekend = weekday === 0 || weekday === 6;
  switch (stream.pattern) {
    case 'flat':
      return 1;
    case 'monday':
      if (weekday === 1) return 3.2;
      return weekend ? 0.15 : 0.6;
    default:
      return weekend ? 0.42 : 1;
  }
}

/**
 * Deterministic synthetic usage for the demo org: weekday seasonality, a few
 * models per team, steady growth and a recurring incident spike on the
 * support bot. The numbers of a day depend only on the day, so re-reading any
 * window gives identical rows, exactly as a real provider's settled days.
 * Registered as its own sources (`demo-openai`, `demo-anthropic`) and marked
 * `demo` in the API.
 */
export class DemoUsageProvider implements AiCostProvider {
  readonly demo = true;
  readonly id: string;

  constructor(readonly provider: 'openai' | 'anthropic') {
    this.id = `demo-${provider}`;
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const streams = DEMO_STREAMS.map((stream, index) => ({
      stream,
      index,
    })).filter(({ stream }) => stream.provider === this.provider);
    const records: UsageRecord[] = [];
    for (const day of eachDay(window.from, window.to)) {
      const n = dayIndex(day);
      for (const { stream, index } of streams) {
        const noise = 0.9 + 0.2 * random(n * 131 + index);
        const spiking =
          stream.spike &&
          ((n % SPIKE_PERIOD_DAYS) + SPIKE_PERIOD_DAYS) % SPIKE_PERIOD_DAYS <
            SPIKE_LENGTH_DAYS;
        const dollars =
          stream.dailyDollars *
          patternFactor(stream, day) *
          (1 + DAILY_GROWTH * Math.max(0, n)) *
          noise *
          (spiking ? stream.spike! : 1);
        const perRequest = context.pricing.price({
          provider: stream.provider,
          model: stream.model,
          date: day,
          inputTokens: stream.shape.input,
          cachedInputTokens: stream.shape.cached,
          outputTokens: stream.shape.output,
          requests: 1,
        });
        if (!perRequest.priced || perRequest.cost <= 0) {
          throw new Error(
            `Demo model ${stream.model} cannot be priced: ${
              perRequest.priced ? 'zero price' : perRequest.reason
            }`,
          );
        }
        const requests = Math.max(
          1,
          Math.round((dollars * 1e6) / perRequest.cost),
        );
        const usage = {
          inputTokens: requests * stream.shape.input,
          cachedInputTokens: requests * stream.shape.cached,
          outputTokens: requests * stream.shape.output,
          requests,
        };
        const priced = context.pricing.price({
          provider: stream.provider,
          model: stream.model,
          date: day,
          ...usage,
        });
        const cost = priced.priced ? priced.cost : 0;
        records.push({
          date: day,
          projectId:
            stream.projectId ??
            (stream.provider === 'anthropic' ? DEFAULT_WORKSPACE : null),
          apiKeyId: stream.apiKeyId,
          tags: stream.tags ?? null,
          model: stream.model,
          ...usage,
          cost,
          estimatedCost: cost,
          currency: 'USD',
          costKind: 'billed',
        });
      }
    }
    return records;
  }
}
