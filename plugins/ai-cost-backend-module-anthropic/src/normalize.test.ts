import { mockServices } from '@backstage/backend-test-utils';
import type { PricingService, UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { combineReports, modelFamily } from './normalize';
import type { CostBucket, UsageBucket } from './schemas';
import {
  bucket,
  costRow,
  fakePricing,
  usageRow,
} from './__testUtils__/fixtures';
import { costBucketSchema, usageBucketSchema } from './schemas';

const WINDOW = { from: '2025-09-01', to: '2025-09-02' };
const WS = 'wrkspc_01CCCCCCCCCCCCCCCCCCCCCCCC';

const costs = (...buckets: unknown[]): CostBucket[] =>
  buckets.map(b => costBucketSchema.parse(b));
const usage = (...buckets: unknown[]): UsageBucket[] =>
  buckets.map(b => usageBucketSchema.parse(b));

function combine(
  costBuckets: CostBucket[],
  usageBuckets: UsageBucket[],
  pricing: PricingService = fakePricing(),
) {
  const logger = mockServices.logger.mock();
  const records = combineReports(costBuckets, usageBuckets, {
    window: WINDOW,
    currency: 'USD',
    pricing,
    logger,
  });
  return { records, logger };
}

const pick = (records: UsageRecord[]) =>
  records.map(r => ({
    projectId: r.projectId,
    apiKeyId: r.apiKeyId,
    model: r.model,
    lineItem: r.lineItem,
    cost: r.cost,
    costKind: r.costKind,
    estimatedCost: r.estimatedCost,
    unpriced: r.unpriced,
  }));

describe('modelFamily', () => {
  it('drops a trailing snapshot date only', () => {
    expect(modelFamily('claude-sonnet-4-20250514')).toBe('claude-sonnet-4');
    expect(modelFamily('claude-sonnet-4')).toBe('claude-sonnet-4');
    expect(modelFamily('claude-3-5-haiku-latest')).toBe(
      'claude-3-5-haiku-latest',
    );
    expect(modelFamily(null)).toBe('');
  });
});

describe('combineReports', () => {
  it('maps the default workspace (null) to projectId "default" and keeps Workbench usage (null key) as null', () => {
    const { records } = combine(
      costs(
        bucket('2025-09-01', [
          costRow({
            amount: '150',
            workspace_id: null,
            description: 'Claude Sonnet 4.5 Usage - Input Tokens',
            model: 'claude-sonnet-4-5',
            token_type: 'uncached_input_tokens',
          }),
        ]),
      ),
      usage(
        bucket('2025-09-01', [
          usageRow({
            api_key_id: null,
            workspace_id: null,
            model: 'claude-sonnet-4-5',
            uncached_input_tokens: 500_000,
          }),
        ]),
      ),
    );
    expect(pick(records)).toEqual([
      {
        projectId: 'default',
        apiKeyId: null,
        model: 'claude-sonnet-4-5',
        lineItem: null,
        cost: 1_500_000, // 150 cents
        costKind: 'billed',
        estimatedCost: 1_500_000, // 500,000 × 3
        unpriced: false,
      },
    ]);
  });

  it('splits a negative billed total (a refund) so the shares still add up exactly', () => {
    // -0.07 cents = -700 micro-dollars; weights 1×3 : 2×3 → -233.33 : -466.67
    const { records } = combine(
      costs(
        bucket('2025-09-01', [
          costRow({
            amount: '-0.07',
            workspace_id: WS,
            description: 'Claude Sonnet 4.5 Usage - Input Tokens',
            model: 'claude-sonnet-4-5',
            token_type: 'uncached_input_tokens',
          }),
        ]),
      ),
      usage(
        bucket('2025-09-01', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
            uncached_input_tokens: 1,
          }),
          usageRow({
            api_key_id: 'k2',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
            uncached_input_tokens: 2,
          }),
        ]),
      ),
    );
    expect(records.map(r => [r.apiKeyId, r.cost])).toEqual([
      ['k1', -233],
      ['k2', -467],
    ]);
  });

  it('adds cost rows exactly before rounding to micro-units once', () => {
    // 0.00004 ¢ = 0.4 µ$ each; rounding per row would give 0 + 0 + 0 = 0.
    // Summed first: 0.00012 ¢ = 1.2 µ$ → 1.
    const { records } = combine(
      costs(
        bucket(
          '2025-09-01',
          ['a', 'b', 'c'].map(() =>
            costRow({
              amount: '0.00004',
              workspace_id: WS,
              description: 'Web Search Usage',
              cost_type: 'web_search',
            }),
          ),
        ),
      ),
      [],
    );
    expect(pick(records)).toEqual([
      {
        projectId: WS,
        apiKeyId: null,
        model: null,
        lineItem: 'Web Search Usage',
        cost: 1,
        costKind: 'billed',
        estimatedCost: null,
        unpriced: false,
      },
    ]);
  });

  it('matches a dated model id in usage with the undated id in the cost report (and vice versa)', () => {
    const { records } = combine(
      costs(
        bucket('2025-09-01', [
          costRow({
            amount: '100',
            workspace_id: WS,
            description: 'Claude Opus 4.1 Usage - Output Tokens',
            model: 'claude-opus-4-1-20250805',
            token_type: 'output_tokens',
          }),
        ]),
      ),
      usage(
        bucket('2025-09-01', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-opus-4-1',
            output_tokens: 1_000,
          }),
        ]),
      ),
    );
    // Billed $1.00 goes to k1; no separate unmatched line item, nothing estimated twice.
    expect(pick(records)).toEqual([
      {
        projectId: WS,
        apiKeyId: 'k1',
        model: 'claude-opus-4-1',
        lineItem: null,
        cost: 1_000_000,
        costKind: 'billed',
        estimatedCost: 75_000,
        unpriced: false,
      },
    ]);
  });

  it('sums usage rows of the same day, workspace, key and model', () => {
    const { records } = combine(
      [],
      usage(
        bucket('2025-09-02', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
            uncached_input_tokens: 10,
            cache_read_input_tokens: 5,
          }),
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
            uncached_input_tokens: 20,
            ephemeral_5m_input_tokens: 7,
            ephemeral_1h_input_tokens: 3,
          }),
        ]),
      ),
    );
    expect(records).toEqual([
      {
        date: '2025-09-02',
        projectId: WS,
        apiKeyId: 'k1',
        model: 'claude-sonnet-4-5',
        lineItem: null,
        inputTokens: 30,
        cachedInputTokens: 5,
        cacheWriteTokens: 10,
        cacheWrite1hTokens: 3,
        outputTokens: 0,
        requests: 0,
        cost: 135, // 30×3 + 5×1 + 10×4
        currency: 'USD',
        costKind: 'estimated',
        estimatedCost: 135,
        unpriced: false,
      },
    ]);
  });

  it('drops usage rows without tokens and buckets outside the window (with a warning)', () => {
    const { records, logger } = combine(
      costs(
        bucket('2025-08-31', [
          costRow({
            amount: '1',
            workspace_id: WS,
            description: 'Web Search Usage',
            cost_type: 'web_search',
          }),
        ]),
      ),
      usage(
        bucket('2025-09-01', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
          }),
        ]),
        bucket('2025-09-03', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'claude-sonnet-4-5',
            output_tokens: 1,
          }),
        ]),
      ),
    );
    expect(records).toEqual([]);
    expect(logger.warn).toHaveBeenCalledWith(
      'Anthropic returned buckets outside the requested window 2025-09-01..2025-09-02; ignored: 2025-08-31, 2025-09-03',
    );
  });

  it('splits by tokens when the usage is priced at zero, and treats a price in another currency as unpriced', () => {
    const pricing: PricingService = {
      price: q =>
        q.model === 'free-model'
          ? { priced: true, cost: 0, currency: 'USD', source: 'override' }
          : { priced: true, cost: 42, currency: 'EUR', source: 'override' },
    };
    const { records } = combine(
      costs(
        bucket('2025-09-01', [
          costRow({
            amount: '4',
            workspace_id: WS,
            description: 'Free',
            model: 'free-model',
            token_type: 'output_tokens',
          }),
        ]),
      ),
      usage(
        bucket('2025-09-01', [
          usageRow({
            api_key_id: 'k1',
            workspace_id: WS,
            model: 'free-model',
            output_tokens: 3,
          }),
          usageRow({
            api_key_id: 'k2',
            workspace_id: WS,
            model: 'free-model',
            output_tokens: 1,
          }),
          usageRow({
            api_key_id: 'k3',
            workspace_id: WS,
            model: 'euro-model',
            output_tokens: 1,
          }),
        ]),
      ),
      pricing,
    );
    expect(pick(records)).toEqual([
      {
        projectId: WS,
        apiKeyId: 'k3',
        model: 'euro-model',
        lineItem: null,
        cost: 0,
        costKind: 'estimated',
        estimatedCost: null,
        unpriced: true,
      },
      {
        projectId: WS,
        apiKeyId: 'k1',
        model: 'free-model',
        lineItem: null,
        cost: 30_000,
        costKind: 'billed',
        estimatedCost: 0,
        unpriced: false,
      },
      {
        projectId: WS,
        apiKeyId: 'k2',
        model: 'free-model',
        lineItem: null,
        cost: 10_000,
        costKind: 'billed',
        estimatedCost: 0,
        unpriced: false,
      },
    ]);
  });
});
