import {
  allocateMicros,
  DEFAULT_WORKSPACE,
  eachDay,
} from '@ai-cost/plugin-ai-cost-common';
import type {
  AiCostProvider,
  ProviderFetchContext,
  UsageRecord,
  UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import {
  DAILY_GROWTH,
  dayIndex,
  patternFactor,
  random,
  SPIKE_LENGTH_DAYS,
  SPIKE_PERIOD_DAYS,
} from './demoSeries';
import { DEMO_STREAMS } from './demoStreams';

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
        const customers = stream.customers ?? [];
        const parts = customers.length
          ? allocateMicros(
              requests,
              customers.map(([, share]) => share),
            )
          : [requests];
        parts.forEach((partRequests, i) => {
          if (partRequests === 0) return;
          const usage = {
            inputTokens: partRequests * stream.shape.input,
            cachedInputTokens: partRequests * stream.shape.cached,
            outputTokens: partRequests * stream.shape.output,
            requests: partRequests,
          };
          const priced = context.pricing.price({
            provider: stream.provider,
            model: stream.model,
            date: day,
            ...usage,
          });
          const cost = priced.priced ? priced.cost : 0;
          const customer = customers[i]?.[0];
          records.push({
            date: day,
            projectId:
              stream.projectId ??
              (stream.provider === 'anthropic' ? DEFAULT_WORKSPACE : null),
            apiKeyId: stream.apiKeyId,
            tags: customer ? { ...stream.tags, customer } : stream.tags ?? null,
            model: stream.model,
            ...usage,
            cost,
            estimatedCost: cost,
            currency: 'USD',
            costKind: 'billed',
          });
        });
      }
    }
    return records;
  }
}
