import {
  bigQueryRunner,
  buildBillingQuery,
  parseBillingExportTable,
  type BigQueryLike,
} from './query';
import { TABLE } from './__testUtils__/billingRows';

describe('parseBillingExportTable', () => {
  it('splits project.dataset.table', () => {
    expect(parseBillingExportTable(TABLE)).toEqual({
      projectId: 'finops-billing',
      datasetId: 'billing_export',
      tableId: 'gcp_billing_export_resource_v1_012345_6789AB_CDEF01',
    });
  });

  it.each([
    'billing_export.gcp_billing_export_v1_X',
    'a.b.c.d',
    'Finops-billing.ds.t',
    'finops-billing.ds.t`; DROP TABLE x; --',
    'finops-billing.ds.t OR 1=1',
    'finops-billing.data-set.t',
    'example.com:finops.ds.t',
    'abc.ds.t',
  ])('rejects %j', name => {
    expect(() => parseBillingExportTable(name)).toThrow(
      `Invalid BigQuery table ${JSON.stringify(
        name,
      )}: expected project.dataset.table`,
    );
  });
});

describe('buildBillingQuery', () => {
  const request = buildBillingQuery({
    table: TABLE,
    window: { from: '2025-03-01', to: '2025-03-31' },
    services: ['Vertex AI', "O'Reilly \\ Gemini"],
    location: 'EU',
    maximumBytesBilled: 10_000_000_000,
    sourceId: 'GCP.Billing',
  });

  it('puts no value into the SQL text, only parameters', () => {
    expect(request.query).toContain(
      'FROM `finops-billing.billing_export.gcp_billing_export_resource_v1_012345_6789AB_CDEF01`',
    );
    expect(request.query).toContain('usage_start_time >= TIMESTAMP(@from_day)');
    expect(request.query).toContain(
      'usage_start_time < TIMESTAMP(DATE_ADD(@to_day, INTERVAL 1 DAY))',
    );
    expect(request.query).toContain('service.description IN UNNEST(@services)');
    expect(request.query).not.toMatch(/2025|Vertex|Reilly/);
    expect(request.params).toEqual({
      from_day: '2025-03-01',
      to_day: '2025-03-31',
      services: ['Vertex AI', "O'Reilly \\ Gemini"],
    });
    expect(request.types).toEqual({
      from_day: 'DATE',
      to_day: 'DATE',
      services: ['STRING'],
    });
  });

  it('sums money as NUMERIC, credits separately, and returns strings', () => {
    expect(request.query).toContain(
      'CAST(SUM(CAST(cost AS NUMERIC)) AS STRING) AS cost',
    );
    expect(request.query).toContain(
      '(SELECT SUM(CAST(c.amount AS NUMERIC)) FROM UNNEST(credits) AS c)',
    );
    expect(request.query).toMatch(
      /GROUP BY day, billing_account_id, project_id/,
    );
  });

  it('passes location, byte cap and job labels', () => {
    expect(request.location).toBe('EU');
    expect(request.maximumBytesBilled).toBe('10000000000');
    expect(request.labels).toEqual({
      'backstage-plugin': 'ai-cost',
      'ai-cost-source': 'gcp_billing',
    });
  });
});

describe('buildBillingQuery with GPU compute', () => {
  const request = buildBillingQuery({
    table: TABLE,
    window: { from: '2025-03-01', to: '2025-03-31' },
    services: ['Vertex AI'],
    gpuServices: ['Compute Engine', 'Cloud TPU'],
    sourceId: 'gcp',
  });

  it('also selects GPU / TPU SKUs of the compute services, by parameters only', () => {
    expect(request.query)
      .toContain(`AND (service.description IN UNNEST(@services)
    OR (service.description IN UNNEST(@gpu_services)
      AND REGEXP_CONTAINS(LOWER(sku.description), @gpu_sku_filter)))`);
    expect(request.query).not.toMatch(/Compute Engine|nvidia/);
    expect(request.params).toEqual({
      from_day: '2025-03-01',
      to_day: '2025-03-31',
      services: ['Vertex AI'],
      gpu_services: ['Compute Engine', 'Cloud TPU'],
      gpu_sku_filter: 'gpu|tpu|nvidia',
    });
    expect(request.types).toEqual({
      from_day: 'DATE',
      to_day: 'DATE',
      services: ['STRING'],
      gpu_services: ['STRING'],
      gpu_sku_filter: 'STRING',
    });
  });

  it('keeps the cheap SQL filter in step with the SKUs Google bills GPUs and TPUs under', () => {
    const filter = new RegExp(request.params.gpu_sku_filter!);
    for (const sku of [
      'Nvidia Tesla A100 GPU running in Americas',
      'Nvidia L4 GPU attached to Spot Preemptible VMs running in EMEA',
      'TPU v5e pod',
    ]) {
      expect([sku, filter.test(sku.toLowerCase())]).toEqual([sku, true]);
    }
    expect(
      filter.test(
        'N1 Predefined Instance Core running in Americas'.toLowerCase(),
      ),
    ).toBe(false);
  });

  it('is the plain query without GPU services', () => {
    const plain = buildBillingQuery({
      table: TABLE,
      window: { from: '2025-03-01', to: '2025-03-31' },
      services: ['Vertex AI'],
      gpuServices: [],
      sourceId: 'gcp',
    });
    expect(plain.query).not.toContain('gpu');
    expect(Object.keys(plain.params)).toEqual([
      'from_day',
      'to_day',
      'services',
    ]);
  });
});

describe('bigQueryRunner', () => {
  it('creates one job and follows nextQuery page by page', async () => {
    const resultCalls: unknown[] = [];
    const jobOptions: unknown[] = [];
    const pages: Array<[unknown[], unknown]> = [
      [[], { pageToken: undefined, jobId: 'j' }], // still running: empty page
      [[{ n: 1 }, { n: 2 }], { pageToken: 'p2', jobId: 'j' }],
      [[{ n: 3 }], null],
    ];
    const bigquery: BigQueryLike = {
      async createQueryJob(options) {
        jobOptions.push(options);
        return [
          {
            async getQueryResults(pageOptions: unknown) {
              resultCalls.push(pageOptions);
              return pages[resultCalls.length - 1] as [unknown[], unknown];
            },
          },
        ];
      },
    };
    const request = buildBillingQuery({
      table: TABLE,
      window: { from: '2025-03-01', to: '2025-03-02' },
      services: ['Vertex AI'],
      sourceId: 'gcp',
    });
    const seen: unknown[][] = [];
    for await (const page of bigQueryRunner(bigquery, { pageSize: 2 })(
      request,
    )) {
      seen.push([...page]);
    }
    expect(seen).toEqual([[], [{ n: 1 }, { n: 2 }], [{ n: 3 }]]);
    expect(jobOptions).toEqual([
      {
        query: request.query,
        params: request.params,
        types: request.types,
        location: undefined,
        labels: request.labels,
      },
    ]);
    expect(resultCalls).toEqual([
      { autoPaginate: false, maxResults: 2, timeoutMs: 60_000 },
      { pageToken: undefined, jobId: 'j', autoPaginate: false },
      { pageToken: 'p2', jobId: 'j', autoPaginate: false },
    ]);
  });
});
