import type { Entity } from '@backstage/catalog-model';
import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';

const ADMIN = 'user:default/admin';
const VIEWER = 'user:default/viewer';
const NOVEMBER = { from: '2026-11-01', to: '2026-11-30' };

/** Micro-units as the API writes money. */
const usd = (micros: number) => micros / 1e6;

jest.setTimeout(60_000);

function user(
  name: string,
  email: string | undefined,
  groups: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: email ? { email } : {}, memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

/**
 * Jane is in two teams (her spend splits evenly), Bob in one, Carol (no
 * e-mail) is named by ref, Dave is in no group (he claims his own spend);
 * the AI-tool resource approves ChatGPT (OpenAI) and GitHub Copilot.
 */
function expenseOrg(): Entity[] {
  return [
    catalogEntity('group:default/team-a'),
    catalogEntity('group:default/team-b'),
    user('jane', 'Jane@Example.com', [
      'group:default/team-a',
      'group:default/team-b',
    ]),
    user('bob', 'bob@example.com', ['group:default/team-a']),
    user('carol', undefined, ['group:default/team-b']),
    user('dave', 'dave@example.com', []),
    {
      ...catalogEntity('resource:default/ai-tools', {
        annotations: { 'ai-cost/vendor': 'ChatGPT, GitHub Copilot' },
      }),
      spec: { type: 'ai-tool' },
    },
  ];
}

/** Card export, e-mail variant: 5 AI lines (one a refund), 2 others. */
const CARD_CSV = [
  'Date,Vendor,Amount,Currency,EMAIL,Description,CostCenter',
  '2026-11-02,OPENAI *CHATGPT SUBSCR,20.000001,USD,Jane@Example.com,ChatGPT Plus,CC-100',
  '2026-11-02,DELTA AIR LINES,450.00,USD,bob@example.com,Flight,CC-100',
  '2026-11-03,MIDJOURNEY INC.,30.000001,USD,bob@example.com,,',
  '2026-11-03,ANYSPHERE INC,40.00,USD,stranger@example.com,Cursor Pro,',
  '2026-11-04,OPENAI *CHATGPT SUBSCR,-5.00,USD,jane@example.com,Refund,CC-100',
  '2026-11-04,UBER *TRIP,12.00,USD,bob@example.com,,',
  '2026-11-04,CLAUDE.AI SUBSCRIPTION,20.000001,USD,dave@example.com,,',
  '',
].join('\r\n');

/** Expense export, userRef variant. */
const REF_CSV = [
  'date,vendor,amount,currency,userRef',
  '2026-11-05,Perplexity AI,10,USD,user:default/carol',
  '2026-11-05,GITHUB *COPILOT,19,USD,Carol',
  '',
].join('\n');

describe('expenses: POST /import/expenses and GET /shadow-ai', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    config: object = { currency: 'USD' },
  ) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: expenseOrg(),
      config,
      policy: (permission, principal) =>
        principal === VIEWER && permission === 'ai-cost.admin'
          ? 'DENY'
          : undefined,
    });
    await test.indexer.rebuild();
    const app = test.app as any;
    const post = (csv: string, as = ADMIN, query = '') =>
      request(app)
        .post(`/import/expenses${query}`)
        .set('Authorization', mockCredentials.user.header(as))
        .set('Content-Type', 'text/csv')
        .send(csv);
    const shadowAi = (window = NOVEMBER, as = VIEWER) =>
      request(app)
        .get(`/shadow-ai?from=${window.from}&to=${window.to}`)
        .set('Authorization', mockCredentials.user.header(as));
    const attributed = async () =>
      Object.fromEntries(
        (
          await test.attributionStore.sumAttributed({
            window: NOVEMBER,
            groupBy: ['entityRef', 'model', 'provider'],
          })
        )
          .filter(row => row.provider === 'expense')
          .map(row => [`${row.entityRef} ${row.model}`, row.cost])
          .sort(),
      );
    const unallocated = async () =>
      (await test.attributionStore.sumUnallocated(NOVEMBER))
        .filter(row => row.provider === 'expense')
        .map(row => [row.dimension, row.value, row.cost]);
    return { ...test, knex, post, shadowAi, attributed, unallocated };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('imports AI-vendor lines, skips and counts the rest, attributes them to the employees’ groups', async () => {
      const test = await setup(databaseId);
      const res = await test.post(CARD_CSV);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        sourceId: 'expenses',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        status: 'imported',
        rows: 7,
        rowsImported: 5,
        skipped: { notAiVendor: 2 },
        from: '2026-11-02',
        to: '2026-11-04',
        // 20.000001 + 30.000001 + 40 - 5 + 20.000001
        total: 105.000003,
        currency: 'USD',
        totals: [{ currency: 'USD', total: 105.000003 }],
      });

      const ref = await test.post(REF_CSV);
      expect(ref.status).toBe(200);
      expect(ref.body).toMatchObject({
        rowsImported: 2,
        skipped: { notAiVendor: 0 },
      });

      expect(await test.attributed()).toEqual({
        // Jane's 20.000001 split evenly, the odd micro-unit to the first; her refund of 5 likewise
        'group:default/team-a OpenAI': 10_000_001 - 2_500_000,
        'group:default/team-b OpenAI': 10_000_000 - 2_500_000,
        'group:default/team-a Midjourney': 30_000_001,
        // Dave is in no group: his own spend
        'user:default/dave Anthropic': 20_000_001,
        // Carol by ref, both spellings
        'group:default/team-b Perplexity': 10_000_000,
        'group:default/team-b GitHub Copilot': 19_000_000,
      });
      // The unknown employee stays unallocated, shown by e-mail.
      expect(await test.unallocated()).toEqual([
        ['userId', 'stranger@example.com', 40_000_000],
      ]);
      const ingested = await test.attributionStore.sumIngested(NOVEMBER);
      // attributed 94,000,003 + unallocated 40,000,000
      expect(ingested.cost).toBe(134_000_003);
      expect(94_000_003 + 40_000_000).toBe(ingested.cost);

      // Expense splits are by design, not claim conflicts.
      const attribution = await request(test.app as any)
        .get('/attribution')
        .set('Authorization', mockCredentials.user.header(ADMIN));
      expect(attribution.body.conflicts).toEqual([]);
    });

    it('reports approved against shadow spend on /shadow-ai, adding up', async () => {
      const test = await setup(databaseId);
      await test.post(CARD_CSV);
      await test.post(REF_CSV);
      const res = await test.shadowAi();
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        currency: 'USD',
        from: '2026-11-01',
        to: '2026-11-30',
        total: usd(134_000_003),
        // OpenAI 15.000001 (ChatGPT) + GitHub Copilot 19
        approved: usd(34_000_001),
        shadow: usd(100_000_002),
        vendors: [
          {
            vendor: 'Cursor',
            cost: 40,
            unallocated: 40,
            users: 1,
            groups: [],
            approved: false,
            approvedBy: [],
            firstSeen: '2026-11-03',
          },
          {
            vendor: 'Midjourney',
            cost: 30.000001,
            unallocated: 0,
            users: 1,
            groups: ['group:default/team-a'],
            approved: false,
            approvedBy: [],
            firstSeen: '2026-11-03',
          },
          {
            vendor: 'Anthropic',
            cost: 20.000001,
            unallocated: 0,
            users: 1,
            groups: ['user:default/dave'],
            approved: false,
            approvedBy: [],
            firstSeen: '2026-11-04',
          },
          {
            vendor: 'GitHub Copilot',
            cost: 19,
            unallocated: 0,
            users: 1,
            groups: ['group:default/team-b'],
            approved: true,
            approvedBy: ['resource:default/ai-tools'],
            firstSeen: '2026-11-05',
          },
          {
            vendor: 'OpenAI',
            cost: 15.000001,
            unallocated: 0,
            users: 1,
            groups: ['group:default/team-a', 'group:default/team-b'],
            approved: true,
            approvedBy: ['resource:default/ai-tools'],
            firstSeen: '2026-11-02',
          },
          {
            vendor: 'Perplexity',
            cost: 10,
            unallocated: 0,
            users: 1,
            groups: ['group:default/team-b'],
            approved: false,
            approvedBy: [],
            firstSeen: '2026-11-05',
          },
        ],
      });

      // firstSeen is the first day ever, not the window's: only the refund is in this one.
      const later = await test.shadowAi({
        from: '2026-11-04',
        to: '2026-11-04',
      });
      expect(later.body).toMatchObject({
        total: 15.000001,
        approved: -5,
        shadow: 20.000001,
      });
      expect(
        later.body.vendors.map((v: any) => [v.vendor, v.cost, v.firstSeen]),
      ).toEqual([
        ['Anthropic', 20.000001, '2026-11-04'],
        ['OpenAI', -5, '2026-11-02'],
      ]);
    });

    it('changes nothing for the same file again', async () => {
      const test = await setup(databaseId);
      const first = await test.post(CARD_CSV);
      const again = await test.post(CARD_CSV);
      expect(again.status).toBe(200);
      expect(again.body).toMatchObject({
        status: 'duplicate',
        sha256: first.body.sha256,
        rowsImported: 0,
        skipped: { notAiVendor: 2 },
      });
      expect((await test.attributionStore.sumIngested(NOVEMBER)).cost).toBe(
        105_000_003,
      );
      // Audited like FOCUS imports.
      const { calls, results } = test.auditor.createEvent.mock;
      expect(calls.at(-1)?.[0]).toMatchObject({
        eventId: 'expense-import',
        severityLevel: 'medium',
      });
      const event = await results.at(-1)?.value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          sourceId: 'expenses',
          sha256: first.body.sha256,
          status: 'duplicate',
          rowsImported: 0,
          skipped: 2,
          from: '2026-11-02',
          to: '2026-11-04',
        },
      });
    });

    it('refuses a file with bad lines whole, naming line and column', async () => {
      const test = await setup(databaseId);
      const bad = [
        'date,vendor,amount,currency,email',
        '2026-11-02,OpenAI,20,USD,jane@example.com',
        '2026-13-01,OpenAI,20,USD,jane@example.com',
        '2026-11-02,OpenAI,twenty,USD,',
        '',
      ].join('\n');
      const res = await test.post(bad);
      expect(res.status).toBe(400);
      expect(res.body.error.lines).toEqual([
        {
          line: 3,
          message: 'line 3: date "2026-13-01" is not a date (YYYY-MM-DD)',
        },
        {
          line: 4,
          message:
            'line 4: amount "twenty" is not a decimal number (e.g. 20.00 or -20.00 for a refund)',
        },
        {
          line: 4,
          message:
            'line 4: email and userRef are both empty; every line needs the employee',
        },
      ]);
      expect(res.body.error.message).toMatch(
        /3 invalid value\(s\); nothing was imported/,
      );
      const missing = await test.post(
        'date,vendor,amount,email\n2026-11-02,OpenAI,1,a@b.c\n',
      );
      expect(missing.status).toBe(400);
      expect(missing.body.error.message).toMatch(
        /lacks the column\(s\) currency/,
      );
      expect((await test.attributionStore.sumIngested(NOVEMBER)).cost).toBe(0);
      expect((await test.shadowAi()).body).toMatchObject({
        total: 0,
        vendors: [],
      });
    });

    it('needs ai-cost.admin to import and org read for the report', async () => {
      const test = await setup(databaseId);
      expect((await test.post(CARD_CSV, VIEWER)).status).toBe(403);
      expect((await test.shadowAi(NOVEMBER, VIEWER)).status).toBe(200);
    });

    // Foreign currencies: the line's currency is passed through to the store,
    // which converts it at the day's rate (aiCost.exchangeRates).
    it('converts a EUR line into the reporting currency', async () => {
      const test = await setup(databaseId, {
        currency: 'USD',
        exchangeRates: { EUR: { '2026-11': 1.08 } },
      });
      const res = await test.post(
        'date,vendor,amount,currency,email\n2026-11-02,Mistral AI,10.00,EUR,bob@example.com\n',
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 10, currency: 'EUR' });
      expect(await test.attributed()).toEqual({
        'group:default/team-a Mistral': 10_800_000,
      });
      expect((await test.shadowAi()).body).toMatchObject({
        currency: 'USD',
        total: 10.8,
        shadow: 10.8,
      });
    });
  });
});
