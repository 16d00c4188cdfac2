import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import {
  GcpCostProvider,
  type GcpCostProviderOptions,
} from './GcpCostProvider';
import {
  BILLING_ACCOUNT,
  pagesRunner,
  row,
  TABLE,
} from './__testUtils__/billingRows';

const WINDOW = { from: '2025-03-01', to: '2025-03-02' };

function setup(
  pages: unknown[][],
  options: Partial<GcpCostProviderOptions> = {},
) {
  const runQuery = pagesRunner(pages);
  const provider = new GcpCostProvider({
    id: 'gcp-test',
    billingExportTable: TABLE,
    runQuery,
    ...options,
  });
  const logger = mockServices.logger.mock();
  const run = () =>
    provider.fetchUsage(WINDOW, {
      logger,
      pricing: createRefusingPricingService(),
    });
  return { provider, runQuery, run, logger };
}

const label = (entries: Record<string, string>) =>
  JSON.stringify(
    Object.entries(entries).map(([key, value]) => ({ key, value })),
  );

/** Three pages of Vertex AI / Gemini rows, with credits. */
const SCENARIO = [
  [
    row({
      sku_description: 'Gemini 2.5 Pro Text Input - Predictions',
      cost: '1.250000',
      usage_amount: '1000000',
      label_json: label({ team: 'search' }),
    }),
    row({
      sku_description: 'Gemini 2.5 Pro Text Output - Predictions',
      cost: '2.5',
      // A promotional credit: negative.
      credits: '-0.75',
      usage_amount: '250000',
      label_json: label({ team: 'search' }),
    }),
    row({
      sku_description: 'Gemini 2.5 Flash Thinking Text Output',
      cost: '0.0000035',
      usage_amount: '1',
    }),
  ],
  [
    row({
      day: '2025-03-02',
      project_id: 'ml-dev',
      sku_description: 'Gemini 2.0 Flash Lite Cached Text Input',
      cost: '0.00001875',
      // Free tier: the credit cancels the cost.
      credits: '-0.00001875',
      usage_amount: '1000',
      label_json: label({ team: 'lab', env: 'dev' }),
    }),
    row({
      day: '2025-03-02',
      project_id: 'ml-dev',
      service_description: 'Claude 3.5 Sonnet v2',
      sku_description: 'Claude 3.5 Sonnet v2 Input Tokens',
      cost: '3',
      credits: '-1.000000001',
      usage_amount: '1000000',
    }),
    row({
      day: '2025-03-02',
      project_id: 'ml-dev',
      sku_description: 'Gemini 1.5 Pro Context Cache Storage',
      cost: '0.45',
      usage_amount: '3600',
      usage_unit: 'gibibyte hour',
    }),
    row({
      day: '2025-03-02',
      project_id: null,
      sku_description: 'Vertex AI Online Prediction',
      cost_type: 'tax',
      cost: '0.123456789',
      credits: null,
      usage_amount: null,
      usage_unit: null,
      label_json: null,
    }),
    // Nothing billed, nothing used: no record.
    row({
      day: '2025-03-02',
      sku_description: 'Gemini 2.5 Pro Text Input - Predictions',
    }),
  ],
  [],
];

function find(records: UsageRecord[], date: string, lineItem: string) {
  const matches = records.filter(
    r => r.date === date && r.lineItem === lineItem,
  );
  expect(matches).toHaveLength(1);
  return matches[0];
}

describe('GcpCostProvider', () => {
  it('runs one parameterised query for the window and the configured services', async () => {
    const { run, runQuery } = setup([[]], {
      services: ['Vertex AI'],
      location: 'US',
    });
    await run();
    expect(runQuery.requests).toHaveLength(1);
    const [request] = runQuery.requests;
    expect(request.params).toEqual({
      from_day: '2025-03-01',
      to_day: '2025-03-02',
      services: ['Vertex AI'],
    });
    expect(request.location).toBe('US');
    expect(request.query).toContain(`FROM \`${TABLE}\``);
  });

  it('reads Vertex AI and Gemini API by default', async () => {
    const { run, runQuery } = setup([[]]);
    await run();
    expect(runQuery.requests[0].params.services).toEqual([
      'Vertex AI',
      'Gemini API',
    ]);
  });

  it('reports net cost (credits included as negative cost) across pages, reconciled to the micro-unit', async () => {
    const { run, logger } = setup(SCENARIO);
    const records = await run();

    expect(
      find(records, '2025-03-01', 'Gemini 2.5 Pro Text Input - Predictions'),
    ).toEqual({
      date: '2025-03-01',
      accountId: BILLING_ACCOUNT,
      projectId: 'ml-prod',
      region: 'us-central1',
      tags: { team: 'search' },
      model: 'gemini-2.5-pro',
      lineItem: 'Gemini 2.5 Pro Text Input - Predictions',
      inputTokens: 1_000_000,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      cost: 1_250_000,
      currency: 'USD',
      costKind: 'billed',
    });
    // $2.50 - $0.75 credit
    expect(
      find(records, '2025-03-01', 'Gemini 2.5 Pro Text Output - Predictions'),
    ).toMatchObject({ cost: 1_750_000, outputTokens: 250_000 });
    // $0.0000035 = 3.5 µ$ → 4 (half away from zero)
    expect(
      find(records, '2025-03-01', 'Gemini 2.5 Flash Thinking Text Output'),
    ).toMatchObject({
      model: 'gemini-2.5-flash',
      cost: 4,
      outputTokens: 1,
      reasoningTokens: 1,
      tags: null,
    });
    // Free tier: 19 µ$ - 19 µ$ = 0, still reported for its tokens.
    expect(
      find(records, '2025-03-02', 'Gemini 2.0 Flash Lite Cached Text Input'),
    ).toMatchObject({
      model: 'gemini-2.0-flash-lite',
      projectId: 'ml-dev',
      tags: { env: 'dev', team: 'lab' },
      cost: 0,
      cachedInputTokens: 1000,
      inputTokens: 0,
    });
    // $3 - $1.000000001 → 3000000 - 1000000
    expect(
      find(records, '2025-03-02', 'Claude 3.5 Sonnet v2 Input Tokens'),
    ).toMatchObject({
      model: 'claude-3.5-sonnet-v2',
      cost: 2_000_000,
      inputTokens: 1_000_000,
    });
    // Storage is not tokens.
    expect(
      find(records, '2025-03-02', 'Gemini 1.5 Pro Context Cache Storage'),
    ).toMatchObject({
      cost: 450_000,
      inputTokens: 0,
      cachedInputTokens: 0,
      outputTokens: 0,
    });
    expect(
      find(records, '2025-03-02', 'Vertex AI Online Prediction [tax]'),
    ).toMatchObject({
      projectId: null,
      model: null,
      cost: 123_457,
      tags: null,
    });

    expect(records).toHaveLength(7);
    // Gross 1250000 + 2500000 + 4 + 19 + 3000000 + 450000 + 123457 = 7323480
    // Credits -750000 - 19 - 1000000                                = -1750019
    const total = records.reduce((sum, r) => sum + r.cost, 0);
    expect(total).toBe(7_323_480 - 1_750_019);
    expect(total).toBe(5_573_461);
    expect(logger.debug).toHaveBeenCalledWith(
      'GCP source "gcp-test": 8 billing row(s) on 3 page(s) became 7 record(s)',
    );
  });

  it('sums rows that meet on the same natural key, also across pages', async () => {
    const sku = 'Gemini 2.5 Pro Text Input - Predictions';
    const { run } = setup([
      [row({ sku_description: sku, cost: '0.1', usage_amount: '10' })],
      [
        row({
          sku_description: sku,
          cost: '0.2',
          credits: '-0.05',
          usage_amount: '20',
        }),
        // The same SKU in another usage unit: cost counts, tokens do not.
        row({
          sku_description: sku,
          cost: '0.3',
          usage_amount: '5',
          usage_unit: 'request',
        }),
      ],
    ]);
    const records = await run();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ cost: 550_000, inputTokens: 30 });
  });

  it('ignores days outside the window', async () => {
    const { run } = setup([
      [row({ day: '2025-02-28', cost: '9', sku_description: 'x' })],
    ]);
    await expect(run()).resolves.toEqual([]);
  });

  it('rejects a cost in another currency', async () => {
    const { run } = setup([[row({ currency: 'EUR', cost: '1' })]]);
    await expect(run()).rejects.toThrow(
      `GCP billing export ${TABLE}: a cost on 2025-03-01 is in "EUR" but aiCost.currency is "USD"; amounts in other currencies are not converted or mixed`,
    );
  });

  it('names the page, row and field of a malformed row', async () => {
    const { run } = setup([
      [row({ cost: '1' })],
      [row({}), row({ cost: 1.5 })],
    ]);
    await expect(run()).rejects.toThrow(
      `GCP billing export ${TABLE} (page 2): unexpected response: rows.1.cost: Expected string, received number`,
    );
  });

  it('names a malformed amount and malformed labels', async () => {
    await expect(setup([[row({ credits: 'NaN' })]]).run()).rejects.toThrow(
      `GCP billing export ${TABLE} (page 1): rows.0.credits: Invalid amount "NaN": expected a decimal number`,
    );
    await expect(
      setup([[row({ cost: '1', label_json: '{oops' })]]).run(),
    ).rejects.toThrow(
      `GCP billing export ${TABLE} (page 1): rows.0.label_json: not valid JSON`,
    );
  });

  it('reports a failed query with the table it was querying', async () => {
    const provider = new GcpCostProvider({
      id: 'gcp-test',
      billingExportTable: TABLE,
      // eslint-disable-next-line require-yield
      runQuery: async function* failing() {
        throw new Error('Access Denied: Table finops-billing:billing_export.x');
      },
    });
    await expect(
      provider.fetchUsage(WINDOW, {
        logger: mockServices.logger.mock(),
        pricing: createRefusingPricingService(),
      }),
    ).rejects.toThrow(
      `GCP billing export ${TABLE}: query failed: Access Denied: Table finops-billing:billing_export.x`,
    );
  });

  it('refuses a table name that is not strictly project.dataset.table', () => {
    expect(
      () =>
        new GcpCostProvider({
          id: 'gcp-test',
          billingExportTable: 'proj-1234.ds.t`; DROP TABLE t; --',
          runQuery: pagesRunner([]),
        }),
    ).toThrow('expected project.dataset.table');
  });
});
