import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { exampleCatalog, exampleUsage } from '../__testUtils__/exampleOrg';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const MALLORY = 'user:default/mallory';

const WINDOW = 'from=2026-11-01&to=2026-11-03';

/** [total, own, viaChildren] of every entity for 2026-11-01..03, worked out by hand. */
const EXPECTED: Record<string, [number, number, number]> = {
  'group:default/acme': [29.233336, 0, 29.233336],
  'group:default/engineering': [24.733335, 0, 24.733335],
  'group:default/search-team': [21.333335, 0, 21.333335],
  'group:default/assistant-team': [3.4, 0, 3.4],
  'group:default/insights-team': [2.200001, 0, 2.200001],
  'group:default/platform': [2.3, 0, 2.3],
  'domain:default/discovery': [21.333335, 0, 21.333335],
  'domain:default/customer-experience': [2.3, 0, 2.3],
  'system:default/search': [19.333335, 1.5, 17.833335],
  'system:default/recommendations': [2, 0, 2],
  'system:default/support': [2.3, 0, 2.3],
  'system:default/insights': [2.200001, 0, 2.200001],
  'component:default/search-api': [10.000001, 10.000001, 0],
  'component:default/query-rewriter': [3.833334, 3.833334, 0],
  'component:default/semantic-indexer': [4, 4, 0],
  'api:default/search-openapi': [0, 0, 0],
  'component:default/reco-ranker': [2, 2, 0],
  'component:default/ticket-summarizer': [0.5, 0.5, 0],
  'component:default/support-bot': [1.2, 1.2, 0],
  'component:default/azure-chat': [0.6, 0.6, 0],
  'component:default/azure-chat-eu': [1.1, 1.1, 0],
  'component:default/insights-notebook': [2.200001, 2.200001, 0],
  'resource:default/bedrock-sandbox': [1.5, 1.5, 0],
  'component:default/llm-gateway': [0.8, 0.8, 0],
  'component:default/docs-site': [0, 0, 0],
  'component:default/broken': [0, 0, 0],
};

const claimHint = (annotation: string, value: string) =>
  `Add "${annotation}: ${value}" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).`;

const EXPECTED_UNALLOCATED = [
  {
    provider: 'openai',
    dimension: 'projectId',
    value: 'proj_experiments',
    cost: 2.5,
    claimWith: 'ai-cost/openai-project-id',
    hint: claimHint('ai-cost/openai-project-id', 'proj_experiments'),
  },
  {
    provider: 'aws',
    dimension: 'accountId',
    value: '555566667777',
    cost: 0.9,
    claimWith: 'ai-cost/aws-account-id',
    hint: claimHint('ai-cost/aws-account-id', '555566667777'),
  },
  {
    provider: 'gateway',
    dimension: 'tag',
    value: 'service=unknown',
    cost: 0.3,
    claimWith: 'ai-cost/gateway-tags',
    hint: claimHint('ai-cost/gateway-tags', 'service=unknown'),
  },
  {
    provider: 'openai',
    dimension: 'none',
    value: '',
    cost: 0.05,
    hint: expect.stringMatching(
      /^OpenAI reports this spend without a project or API key id\./,
    ),
  },
];

const CSV_HEADER =
  'date,entity_ref,owner,system,domain,provider,model,api_key_id,cost,estimated_cost,currency,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,requests,unallocated_dimension,unallocated_value,split_rule,original_cost,original_currency,tag_environment,tag_feature,tag_customer';
const COST_COLUMN = CSV_HEADER.split(',').indexOf('cost');

/** Sum of the cost column of CSV lines (the header is skipped), in micro-units. */
function sumCsvCost(lines: string[]): number {
  return lines
    .filter(line => !line.startsWith('date,'))
    .reduce(
      (t, line) => t + Math.round(Number(line.split(',')[COST_COLUMN]) * 1e6),
      0,
    );
}

describe('attribution and the cost API on a 26-entity catalog', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const entities = exampleCatalog();
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities,
      hiddenFrom: { [ALICE]: ['component:default/ticket-summarizer'] },
      policy: (permission, user) => {
        if (user === MALLORY && permission === 'ai-cost.costs.read') {
          return 'DENY';
        }
        if (user === BOB && permission === 'ai-cost.org.read') return 'DENY';
        return undefined;
      },
    });
    // Usage arrives before the catalog is indexed: all of it is unallocated
    // until the first index build re-attributes it.
    for (const [sourceId, { provider, records }] of Object.entries(
      exampleUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    const first = await test.indexer.rebuild();
    expect(first).toEqual({
      changed: true,
      entities: 26,
      claims: 13,
      reattributedProviders: ['*'],
    });
    return { ...test, entities };
  }

  const get = (app: Express.Application, url: string, user = ALICE) =>
    request(app as any)
      .get(url)
      .set('Authorization', mockCredentials.user.header(user));

  async function expectInvariant(
    test: Awaited<ReturnType<typeof setup>>,
    window: { from: string; to: string },
  ) {
    const attributed = await test.attributionStore.sumAttributed({
      window,
      groupBy: [],
    });
    const unallocated = await test.attributionStore.sumUnallocated(window);
    const ingested = await test.attributionStore.sumIngested(window);
    const unallocatedCost = unallocated.reduce((t, u) => t + u.cost, 0);
    expect(attributed[0].cost + unallocatedCost).toBe(ingested.cost);
    const unallocatedRequests = unallocated.reduce((t, u) => t + u.requests, 0);
    expect(attributed[0].requests + unallocatedRequests).toBe(
      ingested.requests,
    );
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reports every entity total, own and via children, the unallocated list and the invariant', async () => {
      const test = await setup(databaseId);
      for (const [entityRef, [total, own, via]] of Object.entries(EXPECTED)) {
        const res = await get(
          test.app,
          `/costs?entityRef=${entityRef}&${WINDOW}`,
          'user:default/admin',
        );
        expect({ entityRef, status: res.status }).toEqual({
          entityRef,
          status: 200,
        });
        expect({
          entityRef,
          total: res.body.total.cost,
          own: res.body.own.cost,
          via: res.body.viaChildren.cost,
        }).toEqual({ entityRef, total, own, via });
      }

      const rollup = await get(test.app, `/rollup?groupBy=owner&${WINDOW}`);
      expect(rollup.status).toBe(200);
      expect(rollup.body).toEqual({
        currency: 'USD',
        from: '2026-11-01',
        to: '2026-11-03',
        groupBy: 'owner',
        historyFrom: '2026-10-01',
        total: 32.983336,
        items: [
          {
            key: 'group:default/search-team',
            entityRef: 'group:default/search-team',
            cost: 21.333335,
            previousCost: 5,
          },
          {
            key: 'group:default/assistant-team',
            entityRef: 'group:default/assistant-team',
            cost: 3.4,
            previousCost: 0,
          },
          {
            key: 'group:default/platform',
            entityRef: 'group:default/platform',
            cost: 2.3,
            previousCost: 0,
          },
          {
            key: 'group:default/insights-team',
            entityRef: 'group:default/insights-team',
            cost: 2.200001,
            previousCost: 0,
          },
        ],
        unallocated: { cost: 3.75, items: EXPECTED_UNALLOCATED },
      });

      for (const window of [
        { from: '2026-11-01', to: '2026-11-03' },
        { from: '2026-10-01', to: '2026-11-30' },
        { from: '2026-11-02', to: '2026-11-02' },
      ]) {
        await expectInvariant(test, window);
      }
    });

    it('breaks one entity down by day, provider, model, key, child and claim', async () => {
      const test = await setup(databaseId);
      const res = await get(
        test.app,
        `/costs?entityRef=system:default/search&${WINDOW}`,
      );
      expect(res.status).toBe(200);
      const body = res.body;
      expect(body).toMatchObject({
        entityRef: 'system:default/search',
        kind: 'System',
        title: 'Search',
        currency: 'USD',
        estimatedCost: 4,
        demoCost: 0,
        previousPeriod: { from: '2026-10-29', to: '2026-10-31', cost: 5 },
        daily: [
          { date: '2026-11-01', cost: 0 },
          { date: '2026-11-02', cost: 19.333335 },
          { date: '2026-11-03', cost: 0 },
        ],
        byProvider: [
          { provider: 'openai', cost: 13.833335 },
          { provider: 'anthropic', cost: 4 },
          { provider: 'gcp', cost: 1.5 },
        ],
        byChild: [
          {
            entityRef: 'component:default/search-api',
            kind: 'Component',
            cost: 10.000001,
          },
          {
            entityRef: 'component:default/semantic-indexer',
            kind: 'Component',
            cost: 4,
          },
          {
            entityRef: 'component:default/query-rewriter',
            kind: 'Component',
            cost: 3.833334,
          },
          { entityRef: 'api:default/search-openapi', kind: 'API', cost: 0 },
        ],
        hiddenChildren: { count: 0, cost: 0 },
        claims: [
          {
            annotation: 'ai-cost/gcp-project-id',
            provider: 'gcp',
            dimension: 'projectId',
            value: 'gcp-search',
            conflictsWith: [],
          },
        ],
      });
      expect(body.byModel[0]).toEqual({
        provider: 'openai',
        source: 'openai',
        model: 'gpt-4o',
        unpriced: false,
        cost: 10.000001,
        estimatedCost: 0,
        inputTokens: 1000,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 200,
        requests: 10,
      });
      expect(body.byApiKey).toContainEqual({
        provider: 'openai',
        apiKeyId: 'key_shared',
        cost: 0.500001,
        requests: 2,
      });
      const tokenCost =
        body.byTokenType.items.reduce(
          (t: number, i: { cost: number }) => t + i.cost * 1e6,
          0,
        ) +
        body.byTokenType.unexplainedCost * 1e6;
      expect(Math.round(tokenCost)).toBe(19_333_335);

      // Under the team, a system counts with its own spend (its parts are
      // listed themselves); its total is what its own page shows.
      const team = await get(
        test.app,
        `/costs?entityRef=group:default/search-team&${WINDOW}`,
      );
      const child = (ref: string) =>
        team.body.byChild.find((c: any) => c.entityRef === ref);
      // 1.5 own + 10.000001 + 3.833334 + 4 from its parts.
      expect(child('system:default/search')).toMatchObject({
        cost: 1.5,
        total: 19.333335,
      });
      expect(child('system:default/recommendations')).toMatchObject({
        cost: 0,
        total: 2,
      });
      expect(child('component:default/search-api')).toMatchObject({
        cost: 10.000001,
        total: 10.000001,
      });

      const rewriter = await get(
        test.app,
        `/costs?entityRef=component:default/query-rewriter&${WINDOW}`,
      );
      expect(rewriter.body.claims).toEqual([
        expect.objectContaining({ value: 'key_rewriter', conflictsWith: [] }),
        expect.objectContaining({
          value: 'key_shared',
          conflictsWith: ['component:default/ticket-summarizer'],
        }),
      ]);
    });

    it('re-attributes after annotations change, without re-ingesting', async () => {
      const test = await setup(databaseId);
      const costOf = async (ref: string) =>
        (
          await get(
            test.app,
            `/costs?entityRef=${ref}&${WINDOW}`,
            'user:default/admin',
          )
        ).body.total.cost;
      // Viewed before the change: answers cached under the old data version.
      expect(await costOf('component:default/query-rewriter')).toBe(3.833334);
      expect(await costOf('group:default/platform')).toBe(2.3);
      test.entities.push(
        catalogEntity('component:default/experiments', {
          owner: 'group:default/platform',
          annotations: { 'ai-cost/openai-project-id': 'proj_experiments' },
        }),
      );
      const rewriter = test.entities.find(
        e => e.metadata.name === 'query-rewriter',
      )!;
      rewriter.metadata.annotations = {
        'ai-cost/openai-api-key-id': 'key_rewriter',
      };

      expect(await test.indexer.rebuild()).toEqual({
        changed: true,
        entities: 27,
        claims: 13,
        reattributedProviders: ['openai'],
      });
      expect(await test.indexer.rebuild()).toMatchObject({ changed: false });

      expect(await costOf('component:default/experiments')).toBe(2.5);
      expect(await costOf('component:default/ticket-summarizer')).toBe(
        1.000001,
      );
      expect(await costOf('component:default/query-rewriter')).toBe(3.333333);
      expect(await costOf('group:default/platform')).toBe(4.8);

      const rollup = await get(test.app, `/rollup?groupBy=provider&${WINDOW}`);
      expect(rollup.body.unallocated.cost).toBe(1.25);
      expect(rollup.body.total).toBe(32.983336);
      expect(await test.store.listRuns('openai-prod')).toHaveLength(1);
      await expectInvariant(test, { from: '2026-10-01', to: '2026-11-30' });
    });

    it('says from which day the sources behind the figures have history', async () => {
      const test = await setup(databaseId);
      // Every example source was backfilled from 2026-10-01.
      const long = 'from=2026-10-15&to=2026-11-03';
      const search = await get(
        test.app,
        `/costs?entityRef=system:default/search&${long}`,
      );
      expect(search.body).toMatchObject({
        previousPeriod: { from: '2026-09-25', to: '2026-10-14', cost: 0 },
        historyFrom: '2026-10-01',
      });
      // A source connected later, backfilled from 2026-10-20, that only
      // system:default/recommendations spends through.
      await test.ingest(
        'anthropic-new',
        'anthropic',
        [
          {
            date: '2026-11-02',
            cost: 1_000_000,
            currency: 'USD',
            costKind: 'billed',
            requests: 1,
            projectId: 'wrk_reco',
            apiKeyId: 'akey_new',
            model: 'claude-sonnet-4-5',
          },
        ],
        { from: '2026-10-20', to: '2026-11-30' },
      );
      const starts = await test.attributionStore.historyStarts();
      expect(starts).toContainEqual({
        sourceId: 'anthropic-new',
        from: '2026-10-20',
      });
      expect(starts).toContainEqual({
        sourceId: 'openai-prod',
        from: '2026-10-01',
      });
      const reco = await get(
        test.app,
        `/costs?entityRef=system:default/recommendations&${long}`,
      );
      expect(reco.body.total.cost).toBe(3);
      expect(reco.body.historyFrom).toBe('2026-10-20');
      const searchAgain = await get(
        test.app,
        `/costs?entityRef=system:default/search&${long}`,
      );
      expect(searchAgain.body.historyFrom).toBe('2026-10-01');
      // Org-wide: the latest first day of the sources with history by `to`.
      const rollup = await get(test.app, `/rollup?groupBy=owner&${long}`);
      expect(rollup.body.historyFrom).toBe('2026-10-20');
      const before = await get(
        test.app,
        '/rollup?groupBy=tag:environment&from=2026-10-05&to=2026-10-10',
      );
      expect(before.body.historyFrom).toBe('2026-10-01');
    });

    it('groups the rollup by system, domain and model', async () => {
      const test = await setup(databaseId);
      const keys = async (groupBy: string) =>
        (
          await get(test.app, `/rollup?groupBy=${groupBy}&${WINDOW}`)
        ).body.items.map((i: { key: string; cost: number }) => [i.key, i.cost]);
      expect(await keys('system')).toEqual([
        ['system:default/search', 19.333335],
        ['(none)', 3.4],
        ['system:default/support', 2.3],
        ['system:default/insights', 2.200001],
        ['system:default/recommendations', 2],
      ]);
      expect(await keys('domain')).toEqual([
        ['domain:default/discovery', 21.333335],
        ['(none)', 5.600001],
        ['domain:default/customer-experience', 2.3],
      ]);
      const models = await keys('model');
      expect(models[0]).toEqual(['openai/gpt-4o', 10.000001]);
      expect(
        Math.round(models.reduce((t: number, [, c]: any) => t + c * 1e6, 0)),
      ).toBe(29_233_336);
    });

    it('exports showback CSV lines that sum to the entity total, folding what the caller cannot see', async () => {
      const test = await setup(databaseId);
      const url = `/export.csv?entityRef=group:default/assistant-team&${WINDOW}`;
      const res = await get(test.app, url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="ai-cost_group_default_assistant-team_2026-11-01_2026-11-03.csv"',
      );
      const lines = res.text.trim().split('\r\n');
      // Alice cannot see ticket-summarizer: its spend is one folded line.
      expect(lines.filter(l => l.includes('ticket-summarizer'))).toEqual([]);
      expect(lines[0]).toBe(CSV_HEADER);
      expect(lines).toContain(
        '2026-11-02,(not visible to you),,,,,,,0.500000,0.000000,USD,5,0,0,0,1,,,,,,,,',
      );
      expect(sumCsvCost(lines)).toBe(3_400_000);

      const admin = await get(test.app, url, 'user:default/admin');
      const adminLines = admin.text.trim().split('\r\n');
      expect(adminLines).toContain(
        '2026-11-02,component:default/ticket-summarizer,group:default/assistant-team,system:default/support,domain:default/customer-experience,openai,gpt-4o-mini,key_shared,0.500000,0.000000,USD,5,0,0,0,1,,,,,,,,',
      );
      expect(adminLines.filter(l => l.includes('not visible'))).toEqual([]);
      expect(sumCsvCost(adminLines)).toBe(3_400_000);
    });

    it('exports the organisation with its unallocated spend, summing to the rollup total', async () => {
      const test = await setup(databaseId);
      const res = await get(
        test.app,
        `/export.csv?from=2026-10-01&to=2026-11-30`,
        'user:default/admin',
      );
      expect(res.status).toBe(200);
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="ai-cost_all_2026-10-01_2026-11-30.csv"',
      );
      const lines = res.text.trim().split('\r\n');
      expect(lines[0]).toBe(CSV_HEADER);
      const unallocated = lines.filter(l => l.split(',')[1] === '');
      expect(unallocated).toEqual([
        '2026-11-02,,,,,aws,amazon.nova-pro,,0.900000,,USD,0,0,0,0,1,accountId,555566667777,,,,,,',
        '2026-11-02,,,,,gateway,gpt-4o,,0.300000,,USD,0,0,0,0,1,tag,service=unknown,,,,,,',
        '2026-11-02,,,,,openai,,,0.050000,,USD,0,0,0,0,1,none,,,,,,,',
        '2026-11-02,,,,,openai,gpt-4o,,2.500000,,USD,0,0,0,0,1,projectId,proj_experiments,,,,,,',
      ]);
      expect(sumCsvCost(unallocated)).toBe(3_750_000);

      const rollup = await get(
        test.app,
        '/rollup?groupBy=owner&from=2026-10-01&to=2026-11-30',
        'user:default/admin',
      );
      expect(sumCsvCost(lines)).toBe(Math.round(rollup.body.total * 1e6));
      expect(sumCsvCost(lines)).toBe(37_983_336);
      // Every line, worked out by hand: domain through the system, the key
      // each line was claimed by, unallocated lines last with their dimension.
      expect(lines.slice(1)).toEqual([
        '2026-10-30,component:default/search-api,group:default/search-team,system:default/search,domain:default/discovery,openai,gpt-4o,key_x,5.000000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/azure-chat,group:default/assistant-team,system:default/support,domain:default/customer-experience,azure,gpt-4o,,0.600000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/azure-chat-eu,group:default/assistant-team,,,azure,gpt-4o,,1.100000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/insights-notebook,group:default/insights-team,system:default/insights,,aws,anthropic.claude-3-5-sonnet,,2.200001,0.000000,USD,0,0,0,0,2,,,,,,,,',
        '2026-11-02,component:default/llm-gateway,group:default/platform,,,gateway,gpt-4o,,0.800000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/query-rewriter,group:default/search-team,system:default/search,domain:default/discovery,openai,gpt-4o-mini,key_rewriter,3.333333,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/query-rewriter,group:default/search-team,system:default/search,domain:default/discovery,openai,gpt-4o-mini,key_shared,0.500001,0.000000,USD,6,0,0,0,2,,,,,,,,',
        '2026-11-02,component:default/reco-ranker,group:default/search-team,system:default/recommendations,domain:default/discovery,anthropic,claude-sonnet-4-5,akey_r,2.000000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/search-api,group:default/search-team,system:default/search,domain:default/discovery,openai,gpt-4o,key_x,10.000001,0.000000,USD,1000,0,0,200,10,,,,,,,,',
        '2026-11-02,component:default/semantic-indexer,group:default/search-team,system:default/search,domain:default/discovery,anthropic,claude-sonnet-4-5,akey_indexer,4.000000,4.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/support-bot,group:default/assistant-team,system:default/support,domain:default/customer-experience,anthropic,claude-haiku-4-5,akey_z,1.200000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        '2026-11-02,component:default/ticket-summarizer,group:default/assistant-team,system:default/support,domain:default/customer-experience,openai,gpt-4o-mini,key_shared,0.500000,0.000000,USD,5,0,0,0,1,,,,,,,,',
        '2026-11-02,resource:default/bedrock-sandbox,group:default/platform,,,aws,anthropic.claude-3-5-sonnet,,1.500000,0.000000,USD,0,0,0,0,0,,,,,,,,',
        '2026-11-02,system:default/search,group:default/search-team,system:default/search,domain:default/discovery,gcp,gemini-2.5-pro,,1.500000,0.000000,USD,0,0,0,0,1,,,,,,,,',
        ...unallocated,
      ]);
    });

    it("rolls up by provider with each provider's unallocated spend, summing to the total", async () => {
      const test = await setup(databaseId);
      const res = await get(test.app, `/rollup?groupBy=provider&${WINDOW}`);
      expect(res.status).toBe(200);
      // By hand from the lines of the export: openai 14.333335 attributed +
      // 2.55 unallocated (proj_experiments 2.5, no project 0.05); aws
      // 3.700001 + 0.9; gateway 0.8 + 0.3.
      expect(res.body.items).toEqual([
        {
          key: 'openai',
          cost: 16.883335,
          previousCost: 5,
          unallocatedCost: 2.55,
        },
        { key: 'anthropic', cost: 7.2, previousCost: 0, unallocatedCost: 0 },
        { key: 'aws', cost: 4.600001, previousCost: 0, unallocatedCost: 0.9 },
        { key: 'azure', cost: 1.7, previousCost: 0, unallocatedCost: 0 },
        { key: 'gcp', cost: 1.5, previousCost: 0, unallocatedCost: 0 },
        { key: 'gateway', cost: 1.1, previousCost: 0, unallocatedCost: 0.3 },
      ]);
      const sum = res.body.items.reduce(
        (t: number, i: { cost: number }) => t + Math.round(i.cost * 1e6),
        0,
      );
      expect(sum).toBe(32_983_336);
      expect(res.body.total).toBe(32.983336);
      // The unallocated spend is still listed, labelled, on its own.
      expect(res.body.unallocated).toEqual({
        cost: 3.75,
        items: EXPECTED_UNALLOCATED,
      });
      // Other groupings keep it out of their items.
      const owners = await get(test.app, `/rollup?groupBy=owner&${WINDOW}`);
      expect(
        owners.body.items.every(
          (i: { unallocatedCost?: number }) => i.unallocatedCost === undefined,
        ),
      ).toBe(true);
    });

    it('rolls up by spend category, every category listed, unallocated included, summing to the total', async () => {
      const test = await setup(databaseId);
      const res = await get(test.app, `/rollup?groupBy=category&${WINDOW}`);
      expect(res.status).toBe(200);
      // By hand from the provider rollup: model APIs are openai 16.883335 +
      // anthropic 7.2 + gateway 1.1 (its events name no upstream provider),
      // with 2.55 + 0.3 unallocated; cloud AI services are aws 4.600001 +
      // azure 1.7 + gcp 1.5, with aws's 0.9 unallocated.
      expect(res.body.items).toEqual([
        {
          key: 'model-api',
          cost: 25.183335,
          previousCost: 5,
          unallocatedCost: 2.85,
        },
        {
          key: 'cloud-ai',
          cost: 7.800001,
          previousCost: 0,
          unallocatedCost: 0.9,
        },
        ...['expense', 'self-hosted', 'subscription'].map(key => ({
          key,
          cost: 0,
          previousCost: 0,
          unallocatedCost: 0,
        })),
      ]);
      expect(res.body.total).toBe(32.983336);
      // The entity tab breaks its own spend down the same way.
      const costs = await get(
        test.app,
        `/costs?entityRef=group:default/acme&${WINDOW}`,
      );
      expect(costs.body.total.cost).toBe(29.233336);
      // Like the other breakdowns, categories cover what the caller sees:
      // the total less one hidden descendant's 0.5 of model API spend.
      expect(costs.body.hiddenDescendants).toEqual({ count: 1, cost: 0.5 });
      expect(costs.body.byCategory).toEqual([
        { category: 'model-api', cost: 21.833335 },
        { category: 'cloud-ai', cost: 6.900001 },
      ]);
    });

    it('hides what the catalog hides and enforces permissions', async () => {
      const test = await setup(databaseId);
      const hidden = await get(
        test.app,
        `/costs?entityRef=component:default/ticket-summarizer&${WINDOW}`,
      );
      expect(hidden.status).toBe(404);
      expect(hidden.body.error.message).toBe(
        'No entity component:default/ticket-summarizer in the catalog',
      );
      const hiddenCsv = await get(
        test.app,
        `/export.csv?entityRef=component:default/ticket-summarizer&${WINDOW}`,
      );
      expect(hiddenCsv.status).toBe(404);

      const team = await get(
        test.app,
        `/costs?entityRef=group:default/assistant-team&${WINDOW}`,
      );
      expect(team.body.byChild.map((c: any) => c.entityRef)).not.toContain(
        'component:default/ticket-summarizer',
      );
      expect(team.body.hiddenChildren).toEqual({ count: 1, cost: 0.5 });
      // The breakdowns leave out the hidden component's detail (its model,
      // provider and shared key): it is one folded line.
      expect(team.body.total.cost).toBe(3.4);
      expect(team.body.hiddenDescendants).toEqual({ count: 1, cost: 0.5 });
      expect(team.body.byProvider).toEqual([
        { provider: 'azure', cost: 1.7 },
        { provider: 'anthropic', cost: 1.2 },
      ]);
      expect(
        team.body.byModel.map((m: any) => [m.provider, m.model, m.cost]),
      ).toEqual([
        ['azure', 'gpt-4o', 1.7],
        ['anthropic', 'claude-haiku-4-5', 1.2],
      ]);
      expect(team.body.byApiKey).toEqual([
        { provider: 'azure', apiKeyId: '', cost: 1.7, requests: 2 },
        { provider: 'anthropic', apiKeyId: 'akey_z', cost: 1.2, requests: 1 },
      ]);
      expect(
        team.body.dailyByModel.map((d: any) => `${d.provider}/${d.model}`),
      ).toEqual(['azure/gpt-4o', 'anthropic/claude-haiku-4-5']);
      expect(team.body.byTokenType.unexplainedCost).toBe(2.9);
      expect(team.body.daily[1]).toEqual({ date: '2026-11-02', cost: 3.4 });

      const seenByAdmin = await get(
        test.app,
        `/costs?entityRef=group:default/assistant-team&${WINDOW}`,
        'user:default/admin',
      );
      expect(seenByAdmin.body.hiddenDescendants).toEqual({ count: 0, cost: 0 });
      expect(seenByAdmin.body.byProvider).toContainEqual({
        provider: 'openai',
        cost: 0.5,
      });
      expect(seenByAdmin.body.byApiKey).toContainEqual({
        provider: 'openai',
        apiKeyId: 'key_shared',
        cost: 0.5,
        requests: 1,
      });

      const denied = await get(
        test.app,
        `/costs?entityRef=component:default/search-api&${WINDOW}`,
        MALLORY,
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.message).toBe(
        'Missing permission ai-cost.costs.read on component:default/search-api',
      );

      for (const url of [
        `/rollup?groupBy=owner&${WINDOW}`,
        '/attribution',
        `/export.csv?${WINDOW}`,
      ]) {
        const res = await get(test.app, url, BOB);
        expect({
          url,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          url,
          status: 403,
          message: 'Missing permission ai-cost.org.read',
        });
      }

      const anonymous = await request(test.app as any)
        .get(`/costs?entityRef=component:default/search-api&${WINDOW}`)
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
    });

    it('answers bad input with 400 naming the field, unknown entities with 404', async () => {
      const test = await setup(databaseId);
      const cases: Array<[string, string]> = [
        [
          '/costs?entityRef=component:default/search-api&from=2026-13-01&to=2026-11-03',
          'from: must be a calendar date written as YYYY-MM-DD',
        ],
        [
          '/costs?entityRef=search-api&from=2026-11-01&to=2026-11-03',
          'entityRef: must be an entity reference such as component:default/my-service',
        ],
        [
          '/costs?entityRef=component:default/search-api&from=2026-11-04&to=2026-11-03',
          'from: must not be after to (2026-11-03)',
        ],
        [
          '/costs?entityRef=component:default/search-api&from=2024-01-01&to=2026-11-03',
          'to: window must be at most 400 days',
        ],
        [
          // Once looped forever: the day after 9999-12-31 sorts before it.
          '/export.csv?from=9999-12-01&to=9999-12-31',
          'from: must be a day between 1970-01-01 and 2999-12-31; to: must be a day between 1970-01-01 and 2999-12-31',
        ],
        [
          `/rollup?groupBy=team&${WINDOW}`,
          'groupBy: must be one of owner, system, domain, provider, model, category, or tag:<allocation tag> such as tag:environment',
        ],
        [
          '/export.csv?from=2026-11-01&to=yesterday',
          'to: must be a calendar date written as YYYY-MM-DD',
        ],
      ];
      for (const [url, message] of cases) {
        const res = await get(test.app, url);
        expect({
          url,
          status: res.status,
          message: res.body.error.message,
        }).toEqual({ url, status: 400, message });
      }

      const missing = await get(
        test.app,
        '/costs?entityRef=component:default/search-api',
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(/from/);

      const unknown = await get(
        test.app,
        `/costs?entityRef=component:default/nope&${WINDOW}`,
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'No entity component:default/nope in the catalog',
      );
    });

    it('reports conflicts and unreadable annotations of the index', async () => {
      const test = await setup(databaseId);
      const res = await get(test.app, '/attribution');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        builtAt: expect.any(String),
        entities: 26,
        claimingEntities: 12,
        claims: 13,
        conflicts: [
          {
            provider: 'openai',
            dimension: 'apiKeyId',
            value: 'key_shared',
            entityRefs: [
              'component:default/query-rewriter',
              'component:default/ticket-summarizer',
            ],
          },
        ],
        problems: [
          {
            entityRef: 'component:default/broken',
            annotation: 'ai-cost/aws-tags',
            message: 'Invalid ai-cost/aws-tags item "oops": expected key=value',
          },
        ],
      });
    });
  });
});
