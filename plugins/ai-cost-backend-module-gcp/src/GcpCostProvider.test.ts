import {
  readClassificationRules,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';
import { createRefusingPricingService } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
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

  it('emits a cost billed in another currency (GBP) in that currency, for the backend to convert', async () => {
    const { run } = setup([
      [
        row({
          currency: 'gbp',
          sku_description: 'Gemini 2.5 Pro Text Input - Predictions',
          cost: '1.2345675',
          credits: '-0.2000001',
          usage_amount: '1000',
        }),
      ],
    ]);
    const records = await run();
    expect(records).toHaveLength(1);
    // 1.2345675 GBP → 1_234_568 (half away from zero), credits -0.2000001 → -200_000.
    expect(records[0]).toMatchObject({
      cost: 1_034_568,
      currency: 'GBP',
      inputTokens: 1000,
    });
    expect(records[0].exchangeRate).toBeUndefined();
  });

  it('emits GPU compute billed in EUR in that currency', async () => {
    const { run } = setup(
      [
        [
          row({
            currency: 'EUR',
            service_description: 'Compute Engine',
            sku_description: 'Nvidia Tesla A100 GPU running in EMEA',
            usage_unit: 'seconds',
            cost: '35.2054',
          }),
        ],
      ],
      { gpuCompute: true },
    );
    const records = await run();
    expect(records).toEqual([
      expect.objectContaining({
        category: 'self-hosted',
        cost: 35_205_400,
        currency: 'EUR',
      }),
    ]);
  });

  it('names a currency that is not an ISO 4217 code', async () => {
    const { run } = setup([[row({ currency: 'pounds', cost: '1' })]]);
    await expect(run()).rejects.toThrow(
      `GCP billing export ${TABLE} (page 1): rows.0.currency: "pounds" on 2025-03-01 is not an ISO 4217 currency code`,
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

describe('GcpCostProvider with gpuCompute', () => {
  const compute = (fields: Record<string, unknown>) =>
    row({
      service_description: 'Compute Engine',
      project_id: 'ml-train',
      usage_unit: 'seconds',
      ...fields,
    });

  /**
   * Two days on two pages: GPU and TPU SKUs, and the core SKU of the VM a
   * GPU is attached to, which the rules do not count (this double returns
   * rows whatever the SQL filter would select: the rules decide).
   */
  const GPU_PAGES = [
    [
      row({
        sku_description: 'Gemini 2.5 Pro Text Input - Predictions',
        cost: '1.25',
        usage_amount: '1000000',
      }),
      compute({
        sku_description: 'Nvidia Tesla A100 GPU running in Americas',
        cost: '35.2054',
        usage_amount: '43200',
        label_json: label({ team: 'search' }),
      }),
      compute({
        sku_description: 'Nvidia Tesla T4 GPU running in Americas',
        cost: '2.8',
        // A committed use discount credit.
        credits: '-0.84',
      }),
    ],
    [
      compute({
        day: '2025-03-02',
        sku_description: 'Nvidia Tesla A100 GPU running in Americas',
        cost: '17.6027',
        label_json: label({ team: 'search' }),
      }),
      row({
        day: '2025-03-02',
        service_description: 'Cloud TPU',
        sku_description: 'TPU v5e pod',
        cost: '9.6',
      }),
      compute({
        day: '2025-03-02',
        sku_description: 'N1 Predefined Instance Core running in Americas',
        cost: '0.5',
      }),
    ],
  ];

  it('asks for GPU / TPU compute in the same query', async () => {
    const { run, runQuery } = setup([[]], { gpuCompute: true });
    await run();
    expect(runQuery.requests).toHaveLength(1);
    expect(runQuery.requests[0].params).toEqual({
      from_day: '2025-03-01',
      to_day: '2025-03-02',
      services: ['Vertex AI', 'Gemini API'],
      gpu_services: ['Compute Engine', 'Cloud TPU'],
      gpu_sku_filter: 'gpu|tpu|nvidia',
    });
  });

  it('turns GPU and TPU SKUs into self-hosted records, net of credits, to the micro-unit', async () => {
    const { run, logger } = setup(GPU_PAGES, { gpuCompute: true });
    const records = await run();
    const gpu = records.filter(r => r.category === 'self-hosted');
    expect(
      gpu.map(r => [r.date, r.projectId, r.lineItem, r.cost, r.tags]),
    ).toEqual([
      [
        '2025-03-01',
        'ml-train',
        'Nvidia Tesla A100 GPU running in Americas',
        35_205_400,
        { team: 'search' },
      ],
      [
        '2025-03-01',
        'ml-train',
        'Nvidia Tesla T4 GPU running in Americas',
        // 2.80 - 0.84
        1_960_000,
        null,
      ],
      ['2025-03-02', 'ml-prod', 'TPU v5e pod', 9_600_000, null],
      [
        '2025-03-02',
        'ml-train',
        'Nvidia Tesla A100 GPU running in Americas',
        17_602_700,
        { team: 'search' },
      ],
    ]);
    // 35.2054 + 1.96 + 9.6 + 17.6027 = 64.3681; the N1 core is not counted.
    expect(gpu.reduce((sum, r) => sum + r.cost, 0)).toBe(64_368_100);
    expect(gpu[0]).toEqual({
      date: '2025-03-01',
      accountId: BILLING_ACCOUNT,
      projectId: 'ml-train',
      region: 'us-central1',
      tags: { team: 'search' },
      model: null,
      lineItem: 'Nvidia Tesla A100 GPU running in Americas',
      category: 'self-hosted',
      cost: 35_205_400,
      currency: 'USD',
      costKind: 'billed',
    });
    // Vertex AI stays a model record, without a category of its own.
    const vertex = records.filter(r => r.category === undefined);
    expect(vertex).toMatchObject([
      { model: 'gemini-2.5-pro', inputTokens: 1_000_000, cost: 1_250_000 },
    ]);
    expect(records).toHaveLength(5);
    expect(logger.debug).toHaveBeenCalledWith(
      'GCP source "gcp-test": 4 GPU / TPU compute row(s) of Compute Engine, Cloud TPU; 1 other SKU(s) left out: N1 Predefined Instance Core running in Americas',
    );
  });

  it('reads no compute rows without gpuCompute', async () => {
    const { run, runQuery } = setup(GPU_PAGES);
    const records = await run();
    expect(runQuery.requests[0].params).not.toHaveProperty('gpu_services');
    expect(runQuery.requests[0].query).not.toContain('gpu_services');
    // Rows of other services the query did not ask for are not relabelled.
    expect(records.some(r => r.category === 'self-hosted')).toBe(false);
  });

  it('does not read a configured service twice', async () => {
    const { run, runQuery } = setup([[]], {
      gpuCompute: true,
      services: ['Vertex AI', 'Cloud TPU'],
    });
    await run();
    expect(runQuery.requests[0].params.gpu_services).toEqual([
      'Compute Engine',
    ]);
  });

  it('counts the SKUs aiCost.classification adds', async () => {
    const { run } = setup(
      [
        [
          compute({
            sku_description: 'Gpudirect-TCPX Networking running in Americas',
            cost: '0.5',
          }),
        ],
      ],
      {
        gpuCompute: true,
        classificationRules: readClassificationRules(
          new ConfigReader({
            aiCost: {
              classification: { acceleratorPatterns: ['^gpudirect\\b'] },
            },
          }),
        ),
      },
    );
    await expect(run()).resolves.toMatchObject([
      {
        lineItem: 'Gpudirect-TCPX Networking running in Americas',
        category: 'self-hosted',
        cost: 500_000,
      },
    ]);
  });

  it('names a malformed amount of a GPU row', async () => {
    const { run } = setup(
      [
        [
          compute({
            sku_description: 'Nvidia L4 GPU running in EMEA',
            cost: '1,5',
          }),
        ],
      ],
      { gpuCompute: true },
    );
    await expect(run()).rejects.toThrow(
      `GCP billing export ${TABLE} (page 1): rows.0.cost: Invalid amount "1,5": expected a decimal number`,
    );
  });
});
