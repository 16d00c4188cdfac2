import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { readProviderExample } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

/**
 * Both push routes fed the providers' own published examples, read
 * verbatim from `provider-examples/`; the only change is timestamps
 * shifted into the test's window.
 */

const FOCUS_SAMPLE = 'focus/sample-data/FOCUS-1.0.focus_sample.csv';
const LITELLM_SPEC = 'litellm/docs-proxy-logging_spec.md';

/** The sample's month, 2024-09, moved to 2026-10 by a whole number of days. */
const SHIFT_DAYS =
  (Date.UTC(2026, 9, 1) - Date.UTC(2024, 8, 1)) / (24 * 60 * 60 * 1000);

function shiftTimestamps(csv: string): string {
  return csv.replace(
    /"(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})"/g,
    (_, day: string, time: string) => {
      const shifted = new Date(
        Date.parse(`${day}T${time}Z`) + SHIFT_DAYS * 24 * 60 * 60 * 1000,
      );
      return `"${shifted.toISOString().slice(0, 10)} ${time}"`;
    },
  );
}

/**
 * Hand calculation (Python, `decimal`, each BilledCost rounded half away
 * from zero to micro-units as stored): of the 1,000 rows, 19 are AI spend —
 * 9 Azure Machine Learning rows (ServiceCategory "AI and Machine Learning")
 * and 10 EC2 GPU instance hours (g3.4xlarge, g5.4xlarge) — worth
 * 11,974,585 micro-units; the other 981 rows, 8,545,631 micro-units, are
 * skipped. All rows: 20,520,216 micro-units (the exact file total is
 * $20.52022672899; the 11 micro-units between come from rounding each of
 * the 1,000 eleven-decimal amounts).
 */
const AI_ROWS = 19;
const AI_MICROS = 11_974_585;
const ALL_MICROS = 20_520_216;
const SKIPPED_BY_SERVICE: Array<[string, number, number]> = [
  ['Amazon Elastic Compute Cloud', 544, 3_915_209],
  ['Azure Kubernetes Service', 1, 1_580_880],
  ['Amazon Relational Database Service', 13, 753_227],
  ['COMPUTE', 5, 536_000],
  ['Azure DB for MySQL', 1, 370_968],
  ['Red Hat OpenShift Service on AWS', 1, 342_000],
  ['Elastic Load Balancing', 97, 313_684],
  ['AmazonCloudWatch', 63, 220_162],
  ['Virtual Machines', 1, 175_681],
  ['Amazon Virtual Private Cloud', 57, 165_539],
  ['Amazon Elastic Container Service for Kubernetes', 1, 100_000],
  ['Amazon Elastic Container Service', 40, 20_484],
  ['Amazon CloudFront', 11, 12_523],
  ['Amazon Elastic File System', 2, 9_548],
  ['AWS Lambda', 9, 8_940],
  ['AWS WAF', 1, 6_944],
  ['AWS Key Management Service', 4, 4_167],
  ['Amazon DynamoDB', 7, 3_435],
  ['AWS Security Hub', 1, 2_000],
  ['Amazon Simple Storage Service', 36, 1_814],
  ['BLOCK_STORAGE', 1, 1_074],
  ['Storage Accounts', 38, 883],
  ['Amazon EC2 Container Registry (ECR)', 5, 289],
  ['Amazon Simple Queue Service', 14, 85],
  ['AWS Systems Manager', 8, 40],
  ['AWS Step Functions', 4, 25],
  ['Amazon API Gateway', 1, 15],
  ['Amazon Route 53', 1, 14],
  ['Amazon Simple Notification Service', 4, 1],
  ['AWS CloudTrail', 8, 0],
  ['NETWORK', 1, 0],
  ['Virtual Machine Scale Sets', 1, 0],
];
/** The AI rows by hand: the 9 Azure Machine Learning rows, and the 10 GPU instance hours of AWS account 11353890204. */
const AZURE_ML_MICROS = [-12_890, -8, -149_000, 0, 0, 5_000, 0, 5_000, 0];
const GPU_EC2_MICROS = [
  1_140_000, 1_624_000, 480_884, 1_624_000, 1_110_636, 1_624_000, 1_624_000,
  1_624_000, 492_163, 782_800,
];
const SKIPPED_ROWS = SKIPPED_BY_SERVICE.reduce((n, [, rows]) => n + rows, 0);
const SKIPPED_MICROS = SKIPPED_BY_SERVICE.reduce((n, [, , m]) => n + m, 0);

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** Micro-units to the API's currency units. */
const units = (micros: number) => micros / 1_000_000;

/**
 * A value for each field of a table of the LiteLLM spec, by its documented
 * type: what a payload carries when nothing is known.
 */
function fieldsOfTable(spec: string, heading: string): Record<string, unknown> {
  const section = spec.split(`## ${heading}\n`)[1].split('\n## ')[0];
  const fields: Record<string, unknown> = {};
  for (const match of section.matchAll(/^\| `?(\w+)`? \| `?([^|`]+)`? \|/gm)) {
    const [, name, type] = match;
    if (name === 'Field') continue;
    if (type.startsWith('Optional')) fields[name] = null;
    else if (type === 'str') fields[name] = '';
    else if (type === 'int' || type === 'float') fields[name] = 0;
    else if (type === 'list') fields[name] = [];
    else if (type === 'StandardLoggingPayloadStatus') fields[name] = 'success';
    else fields[name] = {};
  }
  return fields;
}

/** StandardLoggingPayloads with every documented field, as LiteLLM's generic API callback batches them. */
function liteLlmBatch() {
  const spec = readProviderExample(LITELLM_SPEC);
  const base = fieldsOfTable(spec, 'StandardLoggingPayload');
  const metadata = {
    ...fieldsOfTable(spec, 'StandardLoggingUserAPIKeyMetadata'),
    ...fieldsOfTable(spec, 'StandardLoggingMetadata'),
  };
  expect(Object.keys(base)).toEqual(
    expect.arrayContaining([
      'id',
      'response_cost',
      'prompt_tokens',
      'completion_tokens',
      'startTime',
      'model',
      'metadata',
      'request_tags',
    ]),
  );
  expect(Object.keys(metadata)).toEqual(
    expect.arrayContaining([
      'user_api_key_hash',
      'user_api_key_alias',
      'user_api_key_team_alias',
    ]),
  );
  const start = Date.UTC(2026, 10, 1, 10, 0, 0) / 1000 + 0.123456;
  const payload = (fields: Record<string, unknown>) => ({
    ...base,
    // None unless LiteLLM failed to compute the cost.
    response_cost_failure_debug_info: null,
    startTime: start,
    endTime: start + 1.5,
    completionStartTime: start + 0.4,
    ...fields,
    metadata: {
      ...metadata,
      user_api_key_hash: 'hash-search-prod',
      user_api_key_alias: 'search-prod',
      user_api_key_team_alias: 'search',
      ...(fields.metadata as object),
    },
  });
  return [
    payload({
      id: 'litellm-call-1',
      call_type: 'acompletion',
      model: 'gpt-4o',
      custom_llm_provider: 'openai',
      response_cost: 0.00575,
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      request_tags: ['service=search'],
      metadata: {
        usage_object: {
          prompt_tokens: 1200,
          completion_tokens: 300,
          prompt_tokens_details: { cached_tokens: 200 },
        },
      },
    }),
    payload({
      id: 'litellm-call-2',
      call_type: 'acompletion',
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      custom_llm_provider: 'bedrock',
      response_cost: 0.0123456,
      prompt_tokens: 2000,
      completion_tokens: 400,
      total_tokens: 2400,
      startTime: start + 86_400,
      endTime: start + 86_401,
    }),
    payload({
      id: 'litellm-call-3',
      call_type: 'acompletion',
      model: 'gpt-4o',
      custom_llm_provider: 'openai',
      response_cost: 0,
      cache_hit: true,
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
    }),
  ];
}

describe('push routes on the providers’ published examples', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      entities: [
        catalogEntity('group:default/ml'),
        catalogEntity('component:default/gpu-training', {
          owner: 'group:default/ml',
          annotations: { 'ai-cost/aws-account-id': '11353890204' },
        }),
      ],
    });
    await test.indexer.rebuild();
    const importFocus = (query: string, csv: string) =>
      request(test.app as any)
        .post(`/import/focus${query}`)
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'text/csv')
        .send(csv);
    return { ...test, importFocus };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('imports the official FOCUS 1.0 sample: AI rows only by default, the rest counted as skipped per service', async () => {
      const test = await setup(databaseId);
      const csv = shiftTimestamps(readProviderExample(FOCUS_SAMPLE));
      const res = await test.importFocus('?fileId=sample', csv);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'imported',
        rows: 1000,
        rowsImported: AI_ROWS,
        include: 'ai',
        totals: { billedCost: units(AI_MICROS) },
        // the first AI row: Azure Machine Learning, 2024-09-03
        from: '2026-10-03',
      });
      expect(res.body.skipped).toEqual({
        rows: SKIPPED_ROWS,
        billedCost: units(SKIPPED_MICROS),
        services: SKIPPED_BY_SERVICE.map(([serviceName, rows, micros]) => ({
          serviceName,
          rows,
          billedCost: units(micros),
        })),
      });
      expect(SKIPPED_ROWS + AI_ROWS).toBe(1000);
      expect(SKIPPED_MICROS + AI_MICROS).toBe(ALL_MICROS);

      const stored = await test.services.stores.usage.sumUsage({
        from: '2026-10-01',
        to: '2026-10-31',
        sourceId: 'focus',
      });
      expect(stored.cost).toBe(AI_MICROS);

      const [file] = await test.services.stores.push.listFocusFiles('focus');
      expect(file).toMatchObject({
        fileId: 'sample',
        rows: AI_ROWS,
        billedCost: AI_MICROS,
        selection: expect.stringMatching(/^ai:[0-9a-f]{8}$/),
        skipped: {
          rows: SKIPPED_ROWS,
          billedCost: SKIPPED_MICROS,
          services: SKIPPED_BY_SERVICE.map(([serviceName, rows, micros]) => ({
            serviceName,
            rows,
            billedCost: micros,
          })),
        },
      });

      // The AWS account that runs the GPU instances claims their hours only.
      const costs = await request(test.app as any)
        .get(
          '/costs?entityRef=component:default/gpu-training&from=2026-10-01&to=2026-10-31',
        )
        .set('Authorization', mockCredentials.user.header());
      expect(costs.status).toBe(200);
      expect(Math.round(costs.body.total.cost * 1e6)).toBe(sum(GPU_EC2_MICROS));
      expect(sum(GPU_EC2_MICROS) + sum(AZURE_ML_MICROS)).toBe(AI_MICROS);
    });

    it('imports every row of the sample with include=all, summing to the file', async () => {
      const test = await setup(databaseId);
      const csv = shiftTimestamps(readProviderExample(FOCUS_SAMPLE));
      const ai = await test.importFocus('?fileId=sample', csv);
      expect(ai.body.rowsImported).toBe(AI_ROWS);
      const all = await test.importFocus(
        '?fileId=sample&include=all&replace=true',
        csv,
      );
      expect(all.body.error).toBeUndefined();
      expect(all.status).toBe(200);
      expect(all.body).toMatchObject({
        status: 'replaced',
        rows: 1000,
        rowsImported: 1000,
        include: 'all',
        totals: { billedCost: units(ALL_MICROS) },
        skipped: { rows: 0, billedCost: 0, services: [] },
      });
      const stored = await test.services.stores.usage.sumUsage({
        from: '2026-10-01',
        to: '2026-10-31',
        sourceId: 'focus',
      });
      expect(stored.cost).toBe(ALL_MICROS);
    });

    it('stores a batch of StandardLoggingPayloads, posted as LiteLLM’s generic API callback sends it, at its response_cost', async () => {
      const test = await setup(databaseId);
      const res = await request(test.app as any)
        .post('/ingest/events')
        .set('Authorization', mockCredentials.service.header())
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(liteLlmBatch()));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'gateway',
        format: 'litellm',
        accepted: 3,
        duplicates: 0,
        rejected: [],
        days: ['2026-11-01', '2026-11-02'],
      });
      const rows = await test.services.stores.usage.listUsage({
        from: '2026-11-01',
        to: '2026-11-02',
        sourceId: 'gateway',
      });
      expect(
        rows.map(r => [r.date, r.model, r.costKind, r.cost, r.apiKeyId]).sort(),
      ).toEqual([
        // a cache hit LiteLLM served for $0
        ['2026-11-01', 'gpt-4o', 'billed', 0, 'hash-search-prod'],
        // $0.00575
        ['2026-11-01', 'gpt-4o', 'billed', 5750, 'hash-search-prod'],
        // 0.0123456 dollars: 12345.6 micro-units, rounded half up
        [
          '2026-11-02',
          'anthropic.claude-3-5-sonnet-20240620-v1:0',
          'billed',
          12346,
          'hash-search-prod',
        ],
      ]);
    });
  });
});
