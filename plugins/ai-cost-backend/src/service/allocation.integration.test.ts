import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  ALLOCATION_CONFIG,
  allocationCatalog,
  allocationUsage,
} from '../__testUtils__/allocationOrg';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const ADMIN = 'user:default/admin';
const VIEWER = 'user:default/viewer';
const WINDOW = 'from=2026-11-01&to=2026-11-03';
const TOTAL = 2_923_334;

/** Micro-units as the API writes money. */
const usd = (micros: number) => micros / 1e6;

jest.setTimeout(60_000);

describe('allocation: tags, virtual tags, split rules and coverage', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: allocationCatalog(),
      config: { currency: 'USD', allocation: ALLOCATION_CONFIG },
      policy: (permission, user) =>
        user === VIEWER && permission === 'ai-cost.admin' ? 'DENY' : undefined,
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      allocationUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      send: (method: 'post' | 'put' | 'delete', url: string, body?: object) =>
        request(test.app as any)
          [method](url)
          .set('Authorization', mockCredentials.user.header(user))
          .send(body),
    });
    return { ...test, knex, as };
  }

  async function entityTotals(test: Awaited<ReturnType<typeof setup>>) {
    const rows = await test.attributionStore.sumAttributed({
      window: { from: '2026-11-01', to: '2026-11-03' },
      groupBy: ['entityRef'],
    });
    return Object.fromEntries(
      rows.map(row => [row.entityRef, row.cost]).sort(),
    );
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('splits shared spend by fixed weights, evenly and proportionally, to the micro-unit', async () => {
      const test = await setup(databaseId);
      expect(await entityTotals(test)).toEqual({
        // 1,000,000 own + 233,333 of 70/30 + 33,333 of the even third + 40,000 staging
        'component:default/query-rewriter': 1_306_666,
        // 500,000 own + 100,000 of 70/30 (the remainder micro-unit) + 33,333
        'component:default/ticket-summarizer': 633_333,
        'component:default/gateway-search': 600_000,
        'component:default/gateway-insights': 200_000,
        // platform traffic 100,001 split 600,000 : 200,000 (direct gateway spend of each team)
        'group:default/search-team': 75_001,
        'group:default/insights-team': 25_000,
      });
      // The ghost target's third stays unallocated under its rule.
      const unallocated = await test.attributionStore.sumUnallocated({
        from: '2026-11-01',
        to: '2026-11-03',
      });
      expect(
        unallocated.map(u => [u.provider, u.dimension, u.value, u.cost]).sort(),
      ).toEqual(
        [
          ['gateway', 'tag', 'environment=stg', 50_000],
          ['openai', 'splitRule', 'even-key', 33_334],
        ].sort(),
      );
      const ingested = await test.attributionStore.sumIngested({
        from: '2026-11-01',
        to: '2026-11-03',
      });
      expect(ingested.cost).toBe(TOTAL);
      expect(2_840_000 + 50_000 + 33_334).toBe(TOTAL);
    });

    it('reports byTag and shared on /costs with normalised values, adding up to the total', async () => {
      const test = await setup(databaseId);
      const team = await test
        .as(VIEWER)
        .get(`/costs?entityRef=group:default/search-team&${WINDOW}`);
      expect(team.status).toBe(200);
      expect(team.body.total.cost).toBe(usd(1_981_667));
      expect(team.body.byTag).toEqual({
        environment: [
          // rewriter 1,266,666 (its annotation) + gateway 600,000 (PROD) + split 75,001 (Production)
          { value: 'production', cost: usd(1_941_667) },
          { value: 'staging', cost: usd(40_000) },
        ],
        feature: [
          { value: 'rewrite', cost: usd(1_306_666) },
          // the gateway event's own feature beats nothing: gateway-search has no ai-cost/tags
          { value: 'search', cost: usd(600_000) },
          { value: null, cost: usd(75_001) },
        ],
        customer: [
          { value: 'acme', cost: usd(600_000) },
          { value: null, cost: usd(1_381_667) },
        ],
      });
      expect(team.body.shared).toEqual([
        {
          ruleId: 'shared-eval-key',
          method: 'fixed',
          share: 0.7,
          cost: usd(233_333),
        },
        {
          ruleId: 'platform-gateway',
          method: 'proportional',
          share: 0.75,
          cost: usd(75_001),
        },
        {
          ruleId: 'even-key',
          method: 'even',
          share: 0.3333,
          cost: usd(33_333),
        },
      ]);
    });

    it('rolls up by tag with unallocated spend, summing to the org total', async () => {
      const test = await setup(databaseId);
      const res = await test
        .as(VIEWER)
        .get(`/rollup?groupBy=tag:environment&${WINDOW}`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(usd(TOTAL));
      expect(
        res.body.items.map((i: any) => [i.key, i.cost, i.unallocatedCost]),
      ).toEqual([
        ['production', usd(2_166_667), 0],
        ['staging', usd(90_000), usd(50_000)],
        [null, usd(666_667), usd(33_334)],
      ]);
      const bad = await test
        .as(VIEWER)
        .get(`/rollup?groupBy=tag:team&${WINDOW}`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'groupBy: team is not an allocation tag; use one of tag:environment, tag:feature, tag:customer (aiCost.allocation.tags)',
      );
    });

    it('exports every line with its split rule and tag values, summing to the org total', async () => {
      const test = await setup(databaseId);
      const res = await test.as(VIEWER).get(`/export.csv?${WINDOW}`);
      expect(res.status).toBe(200);
      const [header, ...rows] = res.text.trim().split('\r\n');
      const columns = header.split(',');
      const cell = (row: string, name: string) =>
        row.split(',')[columns.indexOf(name)];
      const micros = (rowsOf: string[]) =>
        rowsOf.reduce(
          (t, r) => t + Math.round(Number(cell(r, 'cost')) * 1e6),
          0,
        );
      expect(columns.slice(-6)).toEqual([
        'split_rule',
        'original_cost',
        'original_currency',
        'tag_environment',
        'tag_feature',
        'tag_customer',
      ]);
      expect(micros(rows)).toBe(TOTAL);
      expect(
        micros(rows.filter(r => cell(r, 'tag_environment') === 'staging')),
      ).toBe(90_000);
      expect(
        micros(rows.filter(r => cell(r, 'split_rule') === 'even-key')),
      ).toBe(100_000);
    });

    it('reports coverage overall, per provider, per tag and per day', async () => {
      const test = await setup(databaseId);
      const res = await test.as(VIEWER).get(`/allocation/coverage?${WINDOW}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        total: usd(TOTAL),
        attributed: usd(2_840_000),
        unallocated: usd(83_334),
        coverage: 0.9715,
        threshold: 0.95,
        chargebackReady: true,
        byProvider: [
          {
            provider: 'openai',
            total: usd(1_973_333),
            attributed: usd(1_939_999),
            coverage: 0.9831,
          },
          {
            provider: 'gateway',
            total: usd(950_001),
            attributed: usd(900_001),
            coverage: 0.9474,
          },
        ],
        daily: [
          { date: '2026-11-01', coverage: null },
          { date: '2026-11-02', coverage: 0.9715 },
          { date: '2026-11-03', coverage: null },
        ],
      });
      const environment = res.body.tags.find(
        (t: any) => t.tag === 'environment',
      );
      expect(environment).toEqual({
        tag: 'environment',
        cost: usd(2_256_667),
        coverage: 0.7719,
        topMissing: [
          {
            provider: 'openai',
            dimension: 'entity',
            value: 'component:default/ticket-summarizer',
            cost: usd(633_333),
          },
          {
            provider: 'openai',
            dimension: 'splitRule',
            value: 'even-key',
            cost: usd(33_334),
          },
        ],
      });
    });

    it('previews a portal rule exactly as saving it re-attributes, audited, admins only', async () => {
      const test = await setup(databaseId);
      const rule = {
        method: 'fixed',
        match: { provider: 'openai', apiKeyId: 'key_summ' },
        shares: {
          'component:default/ticket-summarizer': 1,
          'component:default/query-rewriter': 3,
        },
      };
      const denied = await test
        .as(VIEWER)
        .send('post', '/allocation/rules/preview', rule);
      expect(denied.status).toBe(403);

      const preview = await test
        .as(ADMIN)
        .send('post', '/allocation/rules/preview', {
          ...rule,
          id: 'summ-share',
        });
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        matchedCost: usd(500_000),
        moves: [
          {
            from: 'component:default/ticket-summarizer',
            to: 'component:default/query-rewriter',
            cost: usd(375_000),
          },
        ],
      });

      const before = await entityTotals(test);
      const saved = await test
        .as(ADMIN)
        .send('put', '/allocation/rules/summ-share', rule);
      expect(saved.status).toBe(201);
      expect(saved.body).toMatchObject({
        id: 'summ-share',
        source: 'portal',
        kind: 'split',
        matchedCost: usd(500_000),
        updatedBy: ADMIN,
      });
      // Saving asks the index task for a re-attribution; it runs now.
      await test.indexer.rebuild();
      const after = await entityTotals(test);
      expect(
        after['component:default/query-rewriter'] -
          before['component:default/query-rewriter'],
      ).toBe(375_000);
      expect(
        before['component:default/ticket-summarizer'] -
          after['component:default/ticket-summarizer'],
      ).toBe(375_000);

      const rules = await test.as(VIEWER).get('/allocation/rules');
      expect(rules.status).toBe(200);
      expect(rules.body.splitRules.map((r: any) => [r.id, r.source])).toEqual([
        ['summ-share', 'portal'],
        ['shared-eval-key', 'config'],
        ['even-key', 'config'],
        ['platform-gateway', 'config'],
      ]);
      expect(
        rules.body.splitRules.find((r: any) => r.id === 'even-key').problems,
      ).toEqual([
        'component:default/ghost is not in the catalog: its share stays unallocated',
      ]);

      const config = await test
        .as(ADMIN)
        .send('put', '/allocation/rules/even-key', rule);
      expect(config.status).toBe(409);
      const removed = await test
        .as(ADMIN)
        .send('delete', '/allocation/rules/summ-share');
      expect(removed.status).toBe(204);
      await test.indexer.rebuild();
      expect(await entityTotals(test)).toEqual(before);
      expect(
        test.auditor.createEvent.mock.calls.map(([e]: any) => e.eventId),
      ).toEqual(
        expect.arrayContaining([
          'allocation-rule-update',
          'allocation-rule-delete',
        ]),
      );
    });

    it('splits by a pushed business metric of each target that day, previewed as saved, and re-attributes when the metric changes', async () => {
      const test = await setup(databaseId);
      const tickets = (rewriter: number) =>
        test.as(ADMIN).send('post', '/metrics', {
          metrics: [
            {
              metric: 'tickets_resolved',
              date: '2026-11-02',
              value: rewriter,
              entityRef: 'component:default/query-rewriter',
            },
            {
              metric: 'tickets_resolved',
              date: '2026-11-02',
              value: 1,
              entityRef: 'component:default/ticket-summarizer',
            },
          ],
        });
      expect((await tickets(3)).body.accepted).toBe(2);
      const rule = {
        method: 'metric',
        metric: 'tickets_resolved',
        match: { provider: 'openai', apiKeyId: 'key_summ' },
        targets: [
          'component:default/query-rewriter',
          'component:default/ticket-summarizer',
        ],
      };
      const preview = await test
        .as(ADMIN)
        .send('post', '/allocation/rules/preview', {
          ...rule,
          id: 'by-tickets',
        });
      // 500,000 µ$ split 3 to 1: 375,000 move to the rewriter.
      expect(preview.body.moves).toEqual([
        {
          from: 'component:default/ticket-summarizer',
          to: 'component:default/query-rewriter',
          cost: usd(375_000),
        },
      ]);

      const before = await entityTotals(test);
      expect(
        (await test.as(ADMIN).send('put', '/allocation/rules/by-tickets', rule))
          .status,
      ).toBe(201);
      await test.indexer.rebuild();
      const after = await entityTotals(test);
      expect(
        after['component:default/query-rewriter'] -
          before['component:default/query-rewriter'],
      ).toBe(375_000);
      const rules = await test.as(ADMIN).get('/allocation/rules');
      expect(
        rules.body.splitRules.find((r: any) => r.id === 'by-tickets'),
      ).toMatchObject({
        method: 'metric',
        metric: 'tickets_resolved',
        problems: [],
      });

      // The rewriter resolved 1 ticket after all: 1 to 1 once re-attributed.
      await tickets(1);
      await test.indexer.rebuild();
      const again = await entityTotals(test);
      expect(
        again['component:default/query-rewriter'] -
          before['component:default/query-rewriter'],
      ).toBe(250_000);
      const costs = await test
        .as(ADMIN)
        .get(
          '/costs?entityRef=component:default/query-rewriter&from=2026-11-01&to=2026-11-03',
        );
      expect(costs.body.shared).toContainEqual({
        ruleId: 'by-tickets',
        method: 'metric',
        share: 0.5,
        cost: usd(250_000),
      });
    });

    it('answers bad rules with 400 naming the field', async () => {
      const test = await setup(databaseId);
      const res = await test.as(ADMIN).send('put', '/allocation/rules/x', {
        method: 'weighted',
        match: { provider: 'openai' },
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toBe(
        'method: must be one of even, fixed, proportional, metric, members, got "weighted"',
      );
    });
  });
});
