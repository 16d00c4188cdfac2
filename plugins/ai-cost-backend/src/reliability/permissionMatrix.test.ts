import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  createGovernedOrg,
  FOCUS_CSV,
  ALLOCATION_RULE,
  gatewayEvent,
  SVC,
  USERS,
} from '../__testUtils__/governedOrg';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { spec } from '../schema/openapi.generated';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const PERSONAS = ['anonymous', 'hidden', 'plain', 'owner', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];

const WINDOW = 'from=2026-11-01&to=2026-11-20';
const BUDGET = { amount: 500, period: 'month', thresholds: [0.5, 1] };
const EXPENSE_CSV =
  'date,vendor,amount,currency,email\n2026-11-02,OPENAI *CHATGPT,20.00,USD,jane@example.com\n';
const POLICY_EXCEPTION = {
  entityRef: SVC,
  model: 'o3',
  justification: 'Evaluating o3 for query rewriting',
  expiresAt: '2026-12-31',
};
const SUBSCRIPTION = {
  vendor: 'GitHub',
  product: 'Copilot Business',
  amount: 190,
  currency: 'USD',
  period: 'month',
  start: '2026-11-01',
  seats: 10,
  entityRef: SVC,
};

type Org = Awaited<ReturnType<typeof createGovernedOrg>>;

/** One route of the API with the status each persona must get. */
interface Row {
  route: string;
  method: 'get' | 'post' | 'put' | 'delete';
  url: (org: Org) => string;
  body?: object | string;
  /** Expected status for anonymous, hidden, plain, owner, admin. */
  expect: [number, number, number, number, number];
  /** Runs before each cell, e.g. to give DELETE something to delete. */
  prepare?: (org: Org) => Promise<unknown>;
}

// prettier-ignore
const MATRIX: Row[] = [
  //                                                                                                            anon hidden plain owner admin
  { route: 'GET /health', method: 'get', url: () => '/health', expect: [200, 200, 200, 200, 200] },
  { route: 'GET /costs?entityRef', method: 'get', url: () => `/costs?entityRef=${SVC}&${WINDOW}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /rollup', method: 'get', url: () => `/rollup?groupBy=owner&${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /export.csv?entityRef', method: 'get', url: () => `/export.csv?entityRef=${SVC}&${WINDOW}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /export.csv (all)', method: 'get', url: () => `/export.csv?${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /attribution', method: 'get', url: () => '/attribution', expect: [401, 403, 403, 403, 200] },
  { route: 'POST /attribution/refresh', method: 'post', url: () => '/attribution/refresh', expect: [401, 403, 403, 403, 202] },
  { route: 'POST /attribution/preview', method: 'post', url: () => '/attribution/preview', body: { entity: { kind: 'Component', metadata: { name: 'new', annotations: { 'ai-cost/openai-project-id': 'proj_new' } } } }, expect: [401, 200, 200, 200, 200] },
  { route: 'GET /attribution/values', method: 'get', url: () => '/attribution/values', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /attribution/claims', method: 'get', url: () => `/attribution/claims?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /chargeback', method: 'get', url: () => '/chargeback?month=2026-11', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /chargeback.csv', method: 'get', url: () => '/chargeback.csv?month=2026-11', expect: [401, 403, 403, 403, 200] },
  { route: 'POST /chargeback/close', method: 'post', url: () => '/chargeback/close?month=2026-09', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /exchange-rates', method: 'get', url: () => '/exchange-rates?currency=EUR', expect: [401, 403, 403, 403, 200] },
  { route: 'POST /import/exchange-rates', method: 'post', url: () => '/import/exchange-rates', body: 'date,currency,rate\n2026-11,EUR,1.08\n', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /allocation/coverage', method: 'get', url: () => `/allocation/coverage?${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /allocation/rules', method: 'get', url: () => '/allocation/rules', expect: [401, 403, 403, 403, 200] },
  { route: 'POST /allocation/rules/preview', method: 'post', url: () => '/allocation/rules/preview', body: ALLOCATION_RULE, expect: [401, 403, 403, 403, 200] },
  { route: 'PUT /allocation/rules/:id', method: 'put', url: () => '/allocation/rules/matrix-put', body: ALLOCATION_RULE, expect: [401, 403, 403, 403, 201] },
  {
    route: 'DELETE /allocation/rules/:id', method: 'delete', url: () => '/allocation/rules/matrix-delete', expect: [401, 403, 403, 403, 204],
    prepare: org => org.services.stores.allocationRules.put({ kind: 'virtualTag', id: 'matrix-delete', source: 'portal', ...ALLOCATION_RULE }, USERS.admin, new Date()),
  },
  { route: 'GET /subscriptions', method: 'get', url: () => '/subscriptions', expect: [401, 403, 403, 403, 200] },
  { route: 'PUT /subscriptions/:id', method: 'put', url: () => '/subscriptions/matrix-put', body: SUBSCRIPTION, expect: [401, 403, 403, 403, 201] },
  {
    route: 'DELETE /subscriptions/:id', method: 'delete', url: () => '/subscriptions/matrix-delete', expect: [401, 403, 403, 403, 204],
    prepare: org => as(org, 'admin').put('/subscriptions/matrix-delete').send(SUBSCRIPTION),
  },
  { route: 'POST /metrics', method: 'post', url: () => '/metrics', body: { metrics: [{ metric: 'documents', date: '2026-11-01', value: 3, entityRef: SVC }] }, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /metrics', method: 'get', url: () => '/metrics', expect: [401, 200, 200, 200, 200] },
  { route: 'GET /metrics?entityRef', method: 'get', url: () => `/metrics?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /unit-costs', method: 'get', url: () => `/unit-costs?entityRef=${SVC}&${WINDOW}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /rollup?metric', method: 'get', url: () => `/rollup?groupBy=tag:customer&metric=requests&${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /budgets', method: 'get', url: () => `/budgets?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'PUT /budgets', method: 'put', url: () => `/budgets?entityRef=${SVC}`, body: BUDGET, expect: [401, 404, 403, 200, 403] },
  {
    route: 'DELETE /budgets', method: 'delete', url: () => `/budgets?entityRef=${SVC}`, expect: [401, 404, 403, 204, 403],
    prepare: org => as(org, 'owner').put(`/budgets?entityRef=${SVC}`).send(BUDGET),
  },
  { route: 'GET /budgets/requests', method: 'get', url: () => '/budgets/requests?status=pending', expect: [401, 200, 200, 200, 200] },
  { route: 'POST /budgets/requests', method: 'post', url: () => '/budgets/requests', body: { entityRef: SVC, amount: 250 }, expect: [401, 404, 201, 201, 201] },
  {
    route: 'POST /budgets/requests/:id/approve', method: 'post', url: () => '/budgets/requests/matrix-request/approve', body: { comment: 'ok' }, expect: [401, 403, 403, 403, 200],
    prepare: pendingRequest,
  },
  {
    route: 'POST /budgets/requests/:id/reject', method: 'post', url: () => '/budgets/requests/matrix-request/reject', body: { comment: 'too much' }, expect: [401, 403, 403, 403, 200],
    prepare: pendingRequest,
  },
  { route: 'GET /budgets/suggestion', method: 'get', url: () => `/budgets/suggestion?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /plan', method: 'get', url: () => '/plan?year=2026', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /plan.csv', method: 'get', url: () => '/plan.csv?year=2026', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /budgets/status?entityRef', method: 'get', url: () => `/budgets/status?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /budgets/status (all)', method: 'get', url: () => '/budgets/status', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /forecast?entityRef', method: 'get', url: () => `/forecast?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /forecast (all)', method: 'get', url: () => '/forecast', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /anomalies?entityRef', method: 'get', url: () => `/anomalies?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /anomalies (all)', method: 'get', url: () => '/anomalies', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /anomalies/settings', method: 'get', url: () => `/anomalies/settings?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'PUT /anomalies/settings', method: 'put', url: () => `/anomalies/settings?entityRef=${SVC}`, body: { minImpact: 50, minImpactPercent: 30 }, expect: [401, 404, 403, 200, 403] },
  { route: 'POST /anomalies/:id/feedback', method: 'post', url: org => `/anomalies/${org.ids.anomaly}/feedback`, body: { feedback: 'accurate' }, expect: [401, 404, 200, 200, 200] },
  { route: 'POST /digests/send', method: 'post', url: () => '/digests/send?kind=weekly', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /insights/facts', method: 'get', url: () => '/insights/facts', expect: [401, 403, 403, 403, 200] },
  { route: 'GET /policies', method: 'get', url: () => `/policies?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /policies/violations?entityRef', method: 'get', url: () => `/policies/violations?entityRef=${SVC}&${WINDOW}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /policies/violations (all)', method: 'get', url: () => `/policies/violations?${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /policies/exceptions', method: 'get', url: () => `/policies/exceptions?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'POST /policies/exceptions', method: 'post', url: () => '/policies/exceptions', body: POLICY_EXCEPTION, expect: [401, 404, 403, 201, 403] },
  {
    route: 'DELETE /policies/exceptions/:id', method: 'delete', url: () => '/policies/exceptions/matrix-exception', expect: [401, 404, 403, 204, 403],
    prepare: policyException,
  },
  { route: 'GET /guardrails/decision', method: 'get', url: () => `/guardrails/decision?entityRef=${SVC}&model=gpt-4o`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /recommendations?entityRef', method: 'get', url: () => `/recommendations?entityRef=${SVC}`, expect: [401, 404, 200, 200, 200] },
  { route: 'GET /recommendations (all)', method: 'get', url: () => '/recommendations?status=all', expect: [401, 403, 403, 403, 200] },
  { route: 'POST /recommendations/:id/dismiss (entity)', method: 'post', url: org => `/recommendations/${org.ids.entityRecommendation}/dismiss`, body: { reason: 'on purpose' }, expect: [401, 404, 403, 200, 403] },
  { route: 'POST /recommendations/:id/snooze (entity)', method: 'post', url: org => `/recommendations/${org.ids.entityRecommendation}/snooze`, body: { until: '2026-12-01' }, expect: [401, 404, 403, 200, 403] },
  { route: 'POST /recommendations/:id/reopen (entity)', method: 'post', url: org => `/recommendations/${org.ids.entityRecommendation}/reopen`, expect: [401, 404, 403, 200, 403] },
  { route: 'POST /recommendations/:id/dismiss (org-level)', method: 'post', url: org => `/recommendations/${org.ids.orgRecommendation}/dismiss`, body: { reason: 'known' }, expect: [401, 403, 403, 403, 200] },
  { route: 'POST /recommendations/:id/snooze (org-level)', method: 'post', url: org => `/recommendations/${org.ids.orgRecommendation}/snooze`, body: { until: '2026-12-01' }, expect: [401, 403, 403, 403, 200] },
  { route: 'POST /recommendations/:id/reopen (org-level)', method: 'post', url: org => `/recommendations/${org.ids.orgRecommendation}/reopen`, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /sources', method: 'get', url: () => '/sources', expect: [401, 200, 200, 200, 200] },
  { route: 'POST /sources/:id/refresh', method: 'post', url: () => '/sources/openai-prod/refresh', expect: [401, 403, 403, 403, 202] },
  { route: 'GET /reconciliation', method: 'get', url: () => `/reconciliation?${WINDOW}`, expect: [401, 403, 403, 403, 200] },
  { route: 'POST /ingest/events', method: 'post', url: () => '/ingest/events', body: { events: [gatewayEvent('evt-matrix')] }, expect: [401, 403, 403, 403, 200] },
  { route: 'POST /import/focus', method: 'post', url: () => '/import/focus?fileId=matrix', body: FOCUS_CSV, expect: [401, 403, 403, 403, 200] },
  { route: 'POST /import/expenses', method: 'post', url: () => '/import/expenses', body: EXPENSE_CSV, expect: [401, 403, 403, 403, 200] },
  { route: 'GET /shadow-ai', method: 'get', url: () => `/shadow-ai?${WINDOW}`, expect: [401, 403, 403, 403, 200] },
];

/** A pending budget request of SVC by its owner, for approve and reject. */
async function pendingRequest(org: Org) {
  const { budgetRequests } = org.services.stores;
  await budgetRequests.createRequest({
    id: 'matrix-request',
    entityRef: SVC,
    amountMicros: 250_000_000,
    currency: 'USD',
    period: 'month',
    scope: null,
    businessCase: null,
    status: 'pending',
    requestedBy: USERS.owner,
    requestedAt: '2026-11-20T10:00:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    autoApproved: false,
  });
  await budgetRequests.reopenRequest('matrix-request');
}

/** An exception of SVC granted by its owner, for DELETE to remove. */
async function policyException(org: Org) {
  const { policies } = org.services.stores;
  await policies.deleteException('matrix-exception');
  await policies.addException({
    id: 'matrix-exception',
    ...POLICY_EXCEPTION,
    createdBy: USERS.owner,
    createdAt: '2026-11-20T10:00:00.000Z',
  });
}

function authorization(persona: Persona): string {
  return persona === 'anonymous'
    ? mockCredentials.none.header()
    : mockCredentials.user.header(USERS[persona]);
}

function as(org: Org, persona: Persona) {
  const agent = request(org.app as any);
  const auth = authorization(persona);
  return {
    get: (url: string) => agent.get(url).set('Authorization', auth),
    post: (url: string) => agent.post(url).set('Authorization', auth),
    put: (url: string) => agent.put(url).set('Authorization', auth),
    delete: (url: string) => agent.delete(url).set('Authorization', auth),
  };
}

async function call(org: Org, row: Row, persona: Persona) {
  await row.prepare?.(org);
  const req = as(org, persona)[row.method](row.url(org));
  if (typeof row.body === 'string') {
    return req.set('Content-Type', 'text/csv').send(row.body);
  }
  return row.body ? req.send(row.body) : req;
}

/** Every route the OpenAPI spec declares, as `METHOD /path`. */
function specRoutes(): string[] {
  return Object.entries(spec.paths as Record<string, object>).flatMap(
    ([path, operations]) =>
      Object.keys(operations).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
  );
}

describe('permission matrix: every route × anonymous, hidden, plain, owner, admin', () => {
  const databases = createTestDatabases();

  it('covers every route of the OpenAPI spec', () => {
    const covered = new Set(MATRIX.map(row => row.route.split(/ [?(]/)[0]));
    const bare = new Set([...covered].map(route => route.replace(/\?.*$/, '')));
    expect(specRoutes().filter(route => !bare.has(route))).toEqual([]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let org: Org;
    beforeAll(async () => {
      org = await createGovernedOrg(await databases.init(databaseId));
    });

    it.each(MATRIX.map(row => [row.route, row] as const))(
      '%s',
      async (_route, row) => {
        const got: number[] = [];
        const withoutMessage: string[] = [];
        const namedHidden: string[] = [];
        for (const persona of PERSONAS) {
          const res = await call(org, row, persona);
          got.push(res.status);
          if (
            res.status >= 400 &&
            typeof res.body.error?.message !== 'string'
          ) {
            withoutMessage.push(persona);
          }
          // A hidden entity is never named to those who cannot see it,
          // unless they named it in the request themselves.
          if (
            persona === 'hidden' &&
            !row.url(org).includes(SVC) &&
            !JSON.stringify(row.body ?? '').includes(SVC) &&
            res.text.includes(SVC)
          ) {
            namedHidden.push(res.text);
          }
        }
        expect(Object.fromEntries(PERSONAS.map((p, i) => [p, got[i]]))).toEqual(
          Object.fromEntries(PERSONAS.map((p, i) => [p, row.expect[i]])),
        );
        expect(withoutMessage).toEqual([]);
        expect(namedHidden).toEqual([]);
      },
    );

    it('shows the last error of a source to admins only', async () => {
      const byPersona: Record<string, unknown> = {};
      for (const persona of ['hidden', 'plain', 'owner', 'admin'] as const) {
        const res = await as(org, persona).get('/sources');
        byPersona[persona] = res.body.find(
          (s: { id: string }) => s.id === 'openai-prod',
        );
      }
      const failed = {
        id: 'openai-prod',
        provider: 'openai',
        status: 'failed',
      };
      expect(byPersona).toEqual({
        hidden: expect.objectContaining({ ...failed, lastError: null }),
        plain: expect.objectContaining({ ...failed, lastError: null }),
        owner: expect.objectContaining({ ...failed, lastError: null }),
        admin: expect.objectContaining({
          ...failed,
          lastError: expect.stringMatching(/^ProviderApiError: OpenAI/),
        }),
      });
    });
  });

  afterAll(() =>
    writeReliabilityFigures('permission-matrix', {
      routes: MATRIX.length,
      personas: PERSONAS.length,
      cells: MATRIX.length * PERSONAS.length,
      matrix: MATRIX.map(row => ({
        route: row.route,
        ...Object.fromEntries(PERSONAS.map((p, i) => [p, row.expect[i]])),
      })),
    }),
  );
});
