import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type {
  AiCostProvider,
  UsageRecord,
  UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { DAILY_GROWTH, dayIndex, patternFactor, random } from './demoSeries';

/**
 * AI spend of the demo org beyond model APIs (DESIGN §9.3), shaped as the
 * real sources report it: Bedrock on the sandbox AWS account (cloud AI),
 * GPU allocations as OpenCost reports them (self-hosted: a labelled
 * workload, a namespace, and idle GPU capacity nobody claims), and
 * corporate-card expenses of AI tools (one by an employee the catalog does
 * not know, and a refund). Subscriptions come from `aiCost.subscriptions`
 * in the demo config, not from here. Deterministic per day like
 * {@link DemoUsageProvider}.
 */
export type DemoAllSpendKind = 'aws' | 'kubernetes' | 'expense';

type DayRecords = (day: string, n: number) => UsageRecord[];

function micros(dollars: number): number {
  return Math.round(dollars * 1e6);
}

/** Steady growth, weekday seasonality and ±10% noise around `dollars`. */
function dailyDollars(
  dollars: number,
  day: string,
  n: number,
  seed: number,
  pattern: 'weekday' | 'flat',
): number {
  const noise = 0.9 + 0.2 * random(n * 197 + seed);
  return (
    dollars *
    patternFactor({ pattern }, day) *
    (1 + DAILY_GROWTH * Math.max(0, n)) *
    noise
  );
}

const bedrock: DayRecords = (day, n) => [
  {
    date: day,
    accountId: '123456789012',
    region: 'us-east-1',
    model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
    lineItem: 'USE1-Claude3.5Sonnet-input-tokens',
    tags: { team: 'insights' },
    cost: micros(dailyDollars(7, day, n, 1, 'weekday')),
    currency: 'USD',
    costKind: 'billed',
  },
];

/** One GPU workload's day as the OpenCost module maps it. */
function gpuWorkload(
  day: string,
  options: {
    namespace: string;
    controller: string;
    kubernetesId: string | null;
    dollars: number;
  },
): UsageRecord {
  const { namespace, controller, kubernetesId } = options;
  return {
    date: day,
    accountId: namespace,
    projectId: kubernetesId,
    resourceId: `demo-cluster/${namespace}/deployment/${controller}`,
    lineItem: 'gpu',
    tags: {
      cluster: 'demo-cluster',
      namespace,
      controller,
      controllerKind: 'deployment',
      ...(kubernetesId ? { 'backstage.io/kubernetes-id': kubernetesId } : {}),
    },
    cost: micros(options.dollars),
    currency: 'USD',
    costKind: 'estimated',
  };
}

const gpus: DayRecords = (day, n) => [
  gpuWorkload(day, {
    namespace: 'search',
    controller: 'reranker',
    kubernetesId: 'search-reranker',
    dollars: dailyDollars(26, day, n, 2, 'flat'),
  }),
  gpuWorkload(day, {
    namespace: 'ml-platform',
    controller: 'embedding-server',
    kubernetesId: null,
    dollars: dailyDollars(14, day, n, 3, 'flat'),
  }),
  // GPU capacity no workload used, as the module keeps OpenCost's
  // `__idle__`: its own record, unallocated, never spread.
  {
    date: day,
    accountId: null,
    projectId: null,
    resourceId: 'demo-cluster/__idle__',
    lineItem: 'gpu',
    tags: { cluster: 'demo-cluster', idle: 'true' },
    cost: micros(dailyDollars(5, day, n, 4, 'flat')),
    currency: 'USD',
    costKind: 'estimated',
  },
];

/** Card expenses: [day of month, e-mail, vendor, dollars]. */
const EXPENSES: Array<[number, string, string, number]> = [
  [3, 'alice@example.com', 'OpenAI', 20],
  [5, 'carol@example.com', 'Midjourney', 30],
  [9, 'bob@example.com', 'Cursor', 40],
  [12, 'guest@example.com', 'Perplexity', 20],
  [17, 'dan@example.com', 'Perplexity', 20],
  [21, 'carol@example.com', 'OpenAI', 20],
];

const expenses: DayRecords = day => {
  const dayOfMonth = Number(day.slice(8, 10));
  const records: UsageRecord[] = EXPENSES.filter(([d]) => d === dayOfMonth).map(
    ([, email, vendor, dollars]) => ({
      date: day,
      userId: email,
      tags: { vendor },
      // As POST /import/expenses stores a line: the vendor is its "model".
      model: vendor,
      lineItem: `${vendor.toUpperCase()} subscription`,
      cost: micros(dollars),
      currency: 'USD',
      costKind: 'billed',
    }),
  );
  // In odd months Bob's Cursor charge is refunded on the 25th.
  if (dayOfMonth === 25 && Number(day.slice(5, 7)) % 2 === 1) {
    records.push({
      date: day,
      userId: 'bob@example.com',
      tags: { vendor: 'Cursor' },
      model: 'Cursor',
      lineItem: 'CURSOR refund',
      cost: micros(-40),
      currency: 'USD',
      costKind: 'billed',
    });
  }
  return records;
};

const DAY_RECORDS: Record<DemoAllSpendKind, DayRecords> = {
  aws: bedrock,
  kubernetes: gpus,
  expense: expenses,
};

/** A demo source of one provider kind (`demo-aws`, `demo-kubernetes`, `demo-expense`). */
export class DemoAllSpendProvider implements AiCostProvider {
  readonly demo = true;
  readonly id: string;

  constructor(readonly provider: DemoAllSpendKind) {
    this.id = `demo-${provider}`;
  }

  async fetchUsage(window: UsageWindow): Promise<UsageRecord[]> {
    return eachDay(window.from, window.to).flatMap(day =>
      DAY_RECORDS[this.provider](day, dayIndex(day)),
    );
  }
}
