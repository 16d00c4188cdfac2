import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  expectMatchesSpec,
  specMismatch,
} from '../__testUtils__/expectMatchesSpec';
import {
  createGovernedOrg,
  FOCUS_CSV,
  ALLOCATION_RULE,
  gatewayEvent,
  SVC,
  USERS,
} from '../__testUtils__/governedOrg';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { spec } from '../schema/openapi.generated';

jest.setTimeout(120_000);

const WINDOW = 'from=2026-11-01&to=2026-11-20';

type Org = Awaited<ReturnType<typeof createGovernedOrg>>;

function as(org: Org, user: string) {
  const agent = request(org.app as any);
  const auth = mockCredentials.user.header(user);
  return {
    get: (url: string) => agent.get(url).set('Authorization', auth),
    post: (url: string) => agent.post(url).set('Authorization', auth),
    put: (url: string) => agent.put(url).set('Authorization', auth),
    delete: (url: string) => agent.delete(url).set('Authorization', auth),
  };
}

/** Every operation of the spec with a call that succeeds. */
// prettier-ignore
const CALLS: Array<{
  operation: string;
  status: number;
  call: (org: Org) => Promise<request.Response>;
}> = [
  { operation: 'GET /health', status: 200, call: org => as(org, USERS.plain).get('/health') },
  { operation: 'GET /costs', status: 200, call: org => as(org, USERS.owner).get(`/costs?entityRef=${SVC}&${WINDOW}`) },
  { operation: 'GET /rollup', status: 200, call: org => as(org, USERS.admin).get(`/rollup?groupBy=owner&${WINDOW}`) },
  { operation: 'GET /export.csv', status: 200, call: org => as(org, USERS.admin).get(`/export.csv?${WINDOW}`) },
  { operation: 'GET /attribution', status: 200, call: org => as(org, USERS.admin).get('/attribution') },
  { operation: 'POST /attribution/refresh', status: 202, call: org => as(org, USERS.admin).post('/attribution/refresh') },
  { operation: 'POST /attribution/preview', status: 200, call: org => as(org, USERS.plain).post('/attribution/preview').type('text/yaml').send('kind: Component\nmetadata:\n  name: new\n  annotations:\n    ai-cost/openai-project-id: proj_new\n') },
  { operation: 'GET /attribution/values', status: 200, call: org => as(org, USERS.admin).get('/attribution/values?limit=5') },
  { operation: 'GET /attribution/claims', status: 200, call: org => as(org, USERS.owner).get(`/attribution/claims?entityRef=${SVC}`) },
  { operation: 'GET /chargeback', status: 200, call: org => as(org, USERS.admin).get('/chargeback?month=2026-10') },
  { operation: 'GET /chargeback.csv', status: 200, call: org => as(org, USERS.admin).get('/chargeback.csv?month=2026-10') },
  { operation: 'POST /chargeback/close', status: 200, call: org => as(org, USERS.admin).post('/chargeback/close?month=2026-10') },
  { operation: 'POST /import/exchange-rates', status: 200, call: org => as(org, USERS.admin).post('/import/exchange-rates').type('text/csv').send('date,currency,rate\n2026-11,EUR,1.08\n') },
  { operation: 'GET /exchange-rates', status: 200, call: org => as(org, USERS.admin).get('/exchange-rates?currency=EUR') },
  { operation: 'GET /allocation/coverage', status: 200, call: org => as(org, USERS.admin).get(`/allocation/coverage?${WINDOW}`) },
  { operation: 'GET /allocation/rules', status: 200, call: org => as(org, USERS.admin).get('/allocation/rules') },
  { operation: 'POST /allocation/rules/preview', status: 200, call: org => as(org, USERS.admin).post('/allocation/rules/preview').send(ALLOCATION_RULE) },
  { operation: 'PUT /allocation/rules/{id}', status: 201, call: org => as(org, USERS.admin).put('/allocation/rules/contract').send(ALLOCATION_RULE) },
  { operation: 'DELETE /allocation/rules/{id}', status: 204, call: org => as(org, USERS.admin).delete('/allocation/rules/contract') },
  { operation: 'GET /subscriptions', status: 200, call: org => as(org, USERS.admin).get('/subscriptions') },
  { operation: 'PUT /subscriptions/{id}', status: 201, call: org => as(org, USERS.admin).put('/subscriptions/contract').send({ vendor: 'GitHub', product: 'Copilot Business', amount: 190, currency: 'USD', period: 'month', start: '2026-11-01', seats: 10, entityRef: SVC }) },
  { operation: 'DELETE /subscriptions/{id}', status: 204, call: org => as(org, USERS.admin).delete('/subscriptions/contract') },
  { operation: 'POST /metrics', status: 200, call: org => as(org, USERS.admin).post('/metrics').send({ metrics: [{ metric: 'revenue', date: '2026-11-02', value: 12.5, unit: 'USD', tags: { customer: 'acme' } }, { metric: 'requests', date: '2026-11-02', value: 1 }] }) },
  { operation: 'GET /metrics', status: 200, call: org => as(org, USERS.plain).get('/metrics') },
  { operation: 'GET /unit-costs', status: 200, call: org => as(org, USERS.owner).get(`/unit-costs?entityRef=${SVC}&metric=tokens&${WINDOW}`) },
  { operation: 'GET /budgets', status: 200, call: org => as(org, USERS.owner).get(`/budgets?entityRef=${SVC}`) },
  { operation: 'PUT /budgets', status: 200, call: org => as(org, USERS.owner).put(`/budgets?entityRef=${SVC}`).send({ amount: 500 }) },
  { operation: 'DELETE /budgets', status: 204, call: org => as(org, USERS.owner).delete(`/budgets?entityRef=${SVC}`) },
  { operation: 'GET /budgets/status', status: 200, call: org => as(org, USERS.owner).get(`/budgets/status?entityRef=${SVC}`) },
  { operation: 'POST /budgets/requests', status: 201, call: org => as(org, USERS.owner).post('/budgets/requests').send({ entityRef: SVC, amount: 250, period: 'month', businessCase: 'Semantic search launch in December' }) },
  { operation: 'GET /budgets/requests', status: 200, call: org => as(org, USERS.admin).get('/budgets/requests?status=pending') },
  { operation: 'POST /budgets/requests/{id}/approve', status: 200, call: async org => as(org, USERS.admin).post(`/budgets/requests/${(await as(org, USERS.owner).post('/budgets/requests').send({ entityRef: SVC, amount: 300 })).body.id}/approve`).send({ comment: 'Go ahead' }) },
  { operation: 'POST /budgets/requests/{id}/reject', status: 200, call: async org => as(org, USERS.admin).post(`/budgets/requests/${(await as(org, USERS.owner).post('/budgets/requests').send({ entityRef: SVC, amount: 5000 })).body.id}/reject`).send({ comment: 'Too much for one month' }) },
  { operation: 'GET /budgets/suggestion', status: 200, call: org => as(org, USERS.owner).get(`/budgets/suggestion?entityRef=${SVC}`) },
  { operation: 'GET /plan', status: 200, call: org => as(org, USERS.admin).get('/plan?year=2026') },
  { operation: 'GET /plan.csv', status: 200, call: org => as(org, USERS.admin).get('/plan.csv?year=2026') },
  { operation: 'GET /forecast', status: 200, call: org => as(org, USERS.admin).get('/forecast') },
  { operation: 'GET /anomalies', status: 200, call: org => as(org, USERS.admin).get('/anomalies') },
  { operation: 'GET /anomalies/settings', status: 200, call: org => as(org, USERS.owner).get(`/anomalies/settings?entityRef=${SVC}`) },
  { operation: 'PUT /anomalies/settings', status: 200, call: org => as(org, USERS.owner).put(`/anomalies/settings?entityRef=${SVC}`).send({ minImpact: 50, minImpactPercent: null }) },
  { operation: 'POST /anomalies/{id}/feedback', status: 200, call: org => as(org, USERS.owner).post(`/anomalies/${org.ids.anomaly}/feedback`).send({ feedback: 'accurate', comment: 'yes' }) },
  { operation: 'POST /digests/send', status: 200, call: org => as(org, USERS.admin).post('/digests/send?kind=weekly') },
  { operation: 'GET /insights/facts', status: 200, call: org => as(org, USERS.admin).get('/insights/facts') },
  { operation: 'GET /sources', status: 200, call: org => as(org, USERS.admin).get('/sources') },
  { operation: 'POST /sources/{id}/refresh', status: 202, call: org => as(org, USERS.admin).post('/sources/openai-prod/refresh') },
  { operation: 'GET /reconciliation', status: 200, call: org => as(org, USERS.admin).get(`/reconciliation?${WINDOW}`) },
  { operation: 'POST /ingest/events', status: 200, call: org => as(org, USERS.admin).post('/ingest/events').send({ events: [gatewayEvent('evt-contract')] }) },
  { operation: 'POST /import/focus', status: 200, call: org => as(org, USERS.admin).post('/import/focus?fileId=contract').type('text/csv').send(FOCUS_CSV) },
  { operation: 'POST /import/expenses', status: 200, call: org => as(org, USERS.admin).post('/import/expenses').type('text/csv').send('date,vendor,amount,currency,email,description\n2026-11-02,OPENAI *CHATGPT,20.00,USD,jane@example.com,ChatGPT Plus\n2026-11-02,DELTA AIR LINES,300,USD,jane@example.com,\n') },
  { operation: 'GET /shadow-ai', status: 200, call: org => as(org, USERS.admin).get(`/shadow-ai?${WINDOW}`) },
  { operation: 'GET /policies', status: 200, call: org => as(org, USERS.owner).get(`/policies?entityRef=${SVC}`) },
  { operation: 'GET /policies/violations', status: 200, call: org => as(org, USERS.admin).get(`/policies/violations?${WINDOW}`) },
  { operation: 'POST /policies/exceptions', status: 201, call: org => as(org, USERS.owner).post('/policies/exceptions').send({ entityRef: SVC, model: 'o3', justification: 'Contract test of the exceptions route', expiresAt: '2026-12-31' }) },
  { operation: 'GET /policies/exceptions', status: 200, call: org => as(org, USERS.owner).get(`/policies/exceptions?entityRef=${SVC}`) },
  { operation: 'DELETE /policies/exceptions/{id}', status: 204, call: async org => as(org, USERS.owner).delete(`/policies/exceptions/${(await as(org, USERS.owner).get(`/policies/exceptions?entityRef=${SVC}`)).body[0].id}`) },
  { operation: 'GET /guardrails/decision', status: 200, call: org => as(org, USERS.admin).get(`/guardrails/decision?entityRef=${SVC}&model=gpt-4o`) },
  { operation: 'GET /recommendations', status: 200, call: org => as(org, USERS.admin).get('/recommendations?status=all') },
  { operation: 'POST /recommendations/{id}/dismiss', status: 200, call: org => as(org, USERS.owner).post(`/recommendations/${org.ids.entityRecommendation}/dismiss`).send({ reason: 'on purpose' }) },
  { operation: 'POST /recommendations/{id}/snooze', status: 200, call: org => as(org, USERS.owner).post(`/recommendations/${org.ids.entityRecommendation}/snooze`).send({ until: '2026-12-01' }) },
  { operation: 'POST /recommendations/{id}/reopen', status: 200, call: org => as(org, USERS.owner).post(`/recommendations/${org.ids.entityRecommendation}/reopen`) },
];

describe('the REST contract', () => {
  const databases = createTestDatabases();

  it('has a call for every operation of openapi.yaml', () => {
    const operations = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map(method => `${method.toUpperCase()} ${path}`),
    );
    expect(CALLS.map(c => c.operation).sort()).toEqual(operations.sort());
  });

  it('catches a response that does not match the spec', () => {
    const response = {
      method: 'GET',
      path: '/anomalies',
      status: 200,
      contentType: 'application/json',
    };
    expect(
      specMismatch({ ...response, body: { items: [], nextCursor: null } }),
    ).toBeUndefined();
    expect(specMismatch({ ...response, body: [] })).toMatch(
      /^GET \/anomalies 200 does not match openapi.yaml: body must be object/,
    );
    expect(
      specMismatch({
        ...response,
        body: { items: [], nextCursor: null, total: 3 },
      }),
    ).toMatch(/must NOT have additional properties/);
    expect(specMismatch({ ...response, path: '/nowhere', body: {} })).toBe(
      'GET /nowhere 200: no operation in openapi.yaml',
    );
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('answers every operation as openapi.yaml says', async () => {
      const org = await createGovernedOrg(await databases.init(databaseId));
      for (const { operation, status, call } of CALLS) {
        const res = await call(org);
        expect({ operation, status: res.status }).toEqual({
          operation,
          status,
        });
        expectMatchesSpec(res);
      }
    });

    it('audits pushes, imports, source and attribution refreshes, refused ones as failures', async () => {
      const org = await createGovernedOrg(await databases.init(databaseId));
      const { auditor } = org;
      auditor.createEvent.mockClear();
      const outcomes = async () =>
        Promise.all(
          auditor.createEvent.mock.results.map(async (result, i) => {
            const event = await result.value;
            const { eventId, severityLevel, meta } =
              auditor.createEvent.mock.calls[i][0];
            return {
              eventId,
              severityLevel,
              meta,
              success: event.success.mock.calls[0]?.[0],
              failed: event.fail.mock.calls[0]?.[0].error.name,
            };
          }),
        );

      await as(org, USERS.admin)
        .post('/ingest/events')
        .send({ events: [gatewayEvent('evt-audit', '0.25')] })
        .expect(200);
      const { body: file } = await as(org, USERS.admin)
        .post('/import/focus?fileId=audit')
        .type('text/csv')
        .send(FOCUS_CSV)
        .expect(200);
      await as(org, USERS.admin)
        .post('/sources/openai-prod/refresh')
        .expect(202);
      await as(org, USERS.admin).post('/attribution/refresh').expect(202);
      await as(org, USERS.plain)
        .post('/sources/openai-prod/refresh')
        .expect(403);

      const [pushed, imported, refreshed, reattributed, refused] =
        await outcomes();
      expect(pushed).toEqual({
        eventId: 'usage-push',
        severityLevel: 'medium',
        meta: undefined,
        success: {
          meta: {
            sourceId: 'gateway',
            format: 'otel',
            accepted: 1,
            duplicates: 0,
            rejected: 0,
            days: 1,
          },
        },
        failed: undefined,
      });
      expect(imported).toEqual({
        eventId: 'focus-import',
        severityLevel: 'medium',
        meta: undefined,
        success: {
          meta: {
            sourceId: 'focus',
            fileId: 'audit',
            sha256: file.sha256,
            status: 'imported',
            rowsImported: file.rowsImported,
            from: file.from,
            to: file.to,
          },
        },
        failed: undefined,
      });
      expect(refreshed).toEqual({
        eventId: 'source-refresh',
        severityLevel: 'medium',
        meta: { sourceId: 'openai-prod' },
        success: undefined,
        failed: undefined,
      });
      expect(
        (await auditor.createEvent.mock.results[2].value).success,
      ).toHaveBeenCalledTimes(1);
      expect(reattributed).toEqual({
        eventId: 'attribution-refresh',
        severityLevel: 'medium',
        meta: undefined,
        success: undefined,
        failed: undefined,
      });
      expect(
        (await auditor.createEvent.mock.results[3].value).success,
      ).toHaveBeenCalledTimes(1);
      expect(refused).toEqual({
        eventId: 'source-refresh',
        severityLevel: 'medium',
        meta: { sourceId: 'openai-prod' },
        success: undefined,
        failed: 'NotAllowedError',
      });
    });

    it('pages /anomalies and /recommendations with limit and cursor, and names a bad limit or cursor', async () => {
      const org = await createGovernedOrg(await databases.init(databaseId));
      const admin = as(org, USERS.admin);
      for (const url of [
        '/recommendations?status=all',
        '/anomalies?status=all',
      ]) {
        const all = await admin.get(`${url}&limit=500`).expect(200);
        expect(all.body.nextCursor).toBeNull();
        const ids: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: request.Response = await admin
            .get(
              `${url}&limit=1${
                cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
              }`,
            )
            .expect(200);
          expectMatchesSpec(res);
          expect(res.body.items.length).toBe(1);
          ids.push(res.body.items[0].id);
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor);
        expect(pages).toBe(all.body.items.length);
        expect(ids).toEqual(all.body.items.map((item: any) => item.id));
      }

      for (const [query, message] of [
        ['limit=501', 'limit: must be at most 500'],
        ['limit=0', 'limit: must be at least 1'],
        ['limit=ten', 'limit: must be a whole number'],
        [
          'cursor=bm9wZQ',
          'cursor: is not a cursor of this list; pass the nextCursor of the previous page',
        ],
        ['page=2', "Unrecognized key(s) in object: 'page'"],
      ]) {
        for (const route of ['/anomalies', '/recommendations']) {
          const res = await admin.get(`${route}?${query}`);
          expect({
            route,
            query,
            status: res.status,
            message: res.body.error?.message,
          }).toEqual({ route, query, status: 400, message });
          expectMatchesSpec(res);
        }
      }
    });
  });
});
