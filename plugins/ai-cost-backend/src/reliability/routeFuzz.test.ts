import zlib from 'node:zlib';
import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import {
  anyJson,
  bodyLike,
  dayLike,
  entityRefLike,
  fromDayLike,
  fuzzRuns,
  numberLike,
  pathSegment,
  plausibleDay,
  queryString,
  responseProblems,
  toDayLike,
  weirdString,
} from '../__testUtils__/fuzz';
import {
  createGovernedOrg,
  FOCUS_CSV,
  gatewayEvent,
  OTHER,
  SVC,
  TEAM,
  USERS,
} from '../__testUtils__/governedOrg';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { spec } from '../schema/openapi.generated';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(180_000);

type Org = Awaited<ReturnType<typeof createGovernedOrg>>;
type Persona = 'anonymous' | keyof typeof USERS;

/** How a request carries its body. */
type Body =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; text: string }
  | { kind: 'bytes'; contentType: string; encoding?: string; bytes: Buffer };

interface FuzzCase {
  persona: Persona;
  path: string;
  query: string;
  body: Body;
}

interface FuzzRoute {
  route: string;
  method: 'get' | 'post' | 'put' | 'delete';
  input: (org: Org) => fc.Arbitrary<FuzzCase>;
  /** Runs before the route's inputs, e.g. to give DELETE something to delete. */
  prepare?: (org: Org) => Promise<unknown>;
}

const refs = entityRefLike([SVC, OTHER, TEAM]);
/** Mostly the entity the owner owns, so that writes get through. */
const ownedRefs = entityRefLike([SVC, SVC, SVC, SVC, OTHER, TEAM]);
const status = fc.oneof(
  fc.constantFrom('open', 'resolved', 'all', 'dismissed', 'snoozed', 'OPEN'),
  weirdString,
);
const mostlyAdmin = fc.constantFrom<Persona>(
  'admin',
  'admin',
  'admin',
  'admin',
  'owner',
  'plain',
  'anonymous',
);
const mostlyOwner = fc.constantFrom<Persona>(
  'owner',
  'owner',
  'owner',
  'admin',
  'hidden',
  'anonymous',
);

/** A JSON body, or one that is not JSON, or of another type, or none. */
function jsonBody(value: fc.Arbitrary<unknown>): fc.Arbitrary<Body> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: value.map((v): Body => ({ kind: 'json', value: v })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          '{',
          '{"a":',
          '[1,]',
          'nul',
          '{"__proto__":{"x":1}}',
          '"\\ud800"',
          '\u0000',
        )
        .map(
          (text): Body => ({
            kind: 'raw',
            contentType: 'application/json',
            text,
          }),
        ),
    },
    {
      weight: 1,
      arbitrary: weirdString.map(
        (text): Body => ({ kind: 'raw', contentType: 'text/plain', text }),
      ),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ kind: 'none' }) },
  );
}

function fuzzCase(parts: {
  persona?: fc.Arbitrary<Persona>;
  path?: fc.Arbitrary<string>;
  query?: Record<string, fc.Arbitrary<string>>;
  body?: fc.Arbitrary<Body>;
  fixedPath: string;
}): fc.Arbitrary<FuzzCase> {
  return fc.record({
    persona: parts.persona ?? mostlyAdmin,
    path: parts.path ?? fc.constant(parts.fixedPath),
    query: parts.query ? queryString(parts.query) : fc.constant(''),
    body: parts.body ?? fc.constant<Body>({ kind: 'none' }),
  });
}

const decimalString = fc.oneof(
  fc.constantFrom(
    '0.0061',
    '0',
    '-1',
    '1e3',
    '1E-7',
    '0.0000001',
    '99999999999999999999',
    '1.2.3',
    ' 1 ',
    '.5',
    '5.',
    '0x10',
    '١٢',
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
);
const timestampLike = fc.oneof(
  fc.constantFrom(
    '2026-11-20T10:00:00Z',
    '2026-11-20T10:00:00+14:00',
    '2026-11-20 10:00',
    '2026-11-23T10:00:00Z',
    '2030-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '2026-11-20T25:61:00Z',
  ),
  fc.integer({ min: -1e15, max: 1e15 }),
  dayLike,
  numberLike,
);
const attributeKey = fc.oneof(
  fc.constantFrom(
    'gen_ai.provider.name',
    'gen_ai.system',
    'gen_ai.request.model',
    'gen_ai.response.model',
    'gen_ai.usage.input_tokens',
    'gen_ai.usage.output_tokens',
    'gen_ai.usage.prompt_tokens',
    'gen_ai.usage.completion_tokens',
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
    'gen_ai.usage.reasoning.output_tokens',
    'user.id',
    'service',
    '__proto__',
  ),
  weirdString,
);
const otelEvent = fc.record(
  {
    id: fc.oneof(fc.uuid(), weirdString, numberLike),
    timestamp: timestampLike,
    attributes: fc.oneof(
      {
        weight: 5,
        arbitrary: fc.dictionary(
          attributeKey,
          fc.oneof(
            weirdString,
            numberLike,
            fc.boolean(),
            fc.constant(null),
            decimalString,
          ),
          { maxKeys: 8 },
        ),
      },
      { weight: 1, arbitrary: anyJson },
    ),
    cost: fc.oneof(
      fc.record(
        {
          amount: fc.oneof(decimalString, numberLike, weirdString),
          currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd'), weirdString),
        },
        { requiredKeys: [] },
      ),
      anyJson,
    ),
  },
  { requiredKeys: [] },
);
const liteLlmRow = fc.record(
  {
    request_id: fc.oneof(fc.uuid(), weirdString, numberLike),
    startTime: timestampLike,
    model: fc.oneof(
      fc.constantFrom(
        'gpt-4o',
        'claude-3-5-haiku-20241022',
        'bedrock/anthropic.claude-v2',
      ),
      weirdString,
    ),
    model_group: weirdString,
    custom_llm_provider: fc.oneof(
      fc.constantFrom('openai', 'bedrock', 'vertex_ai', 'azure'),
      weirdString,
    ),
    spend: fc.oneof(numberLike, decimalString),
    prompt_tokens: numberLike,
    completion_tokens: numberLike,
    api_key: weirdString,
    user: weirdString,
    team_id: weirdString,
    request_tags: fc.oneof(
      fc.array(weirdString, { maxLength: 4 }),
      weirdString,
      anyJson,
    ),
    metadata: fc.oneof(
      anyJson,
      fc.json(),
      fc.record(
        {
          usage_object: anyJson,
          user_api_key_alias: weirdString,
          user_api_key_team_alias: weirdString,
        },
        { requiredKeys: [] },
      ),
    ),
  },
  { requiredKeys: [] },
);
const tokenCount = fc.oneof(
  { weight: 4, arbitrary: fc.nat({ max: 10_000_000 }) },
  { weight: 1, arbitrary: fc.nat({ max: 10_000_000 }).map(String) },
  { weight: 1, arbitrary: numberLike },
);
/** An OpenTelemetry event that is valid but for the odd field. */
const plausibleOtelEvent = fc.record(
  {
    id: fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: weirdString },
    ),
    timestamp: fc.oneof(
      { weight: 4, arbitrary: plausibleDay.map(d => `${d}T10:00:00Z`) },
      { weight: 1, arbitrary: timestampLike },
    ),
    attributes: fc
      .tuple(
        fc.record(
          {
            'gen_ai.provider.name': fc.oneof(
              fc.constantFrom(
                'openai',
                'anthropic',
                'aws.bedrock',
                'azure.ai.openai',
                'gcp.vertex_ai',
                'mistral_ai',
              ),
              weirdString,
            ),
            'gen_ai.request.model': fc.oneof(
              fc.constantFrom(
                'gpt-4o',
                'gpt-4o-mini',
                'claude-3-5-haiku-20241022',
                'in-house-7b',
              ),
              weirdString,
            ),
            'gen_ai.usage.input_tokens': tokenCount,
            'gen_ai.usage.output_tokens': tokenCount,
            'gen_ai.usage.cache_read.input_tokens': tokenCount,
            'gen_ai.usage.reasoning.output_tokens': tokenCount,
            'user.id': weirdString,
            service: fc.oneof(fc.constant('search'), weirdString),
          },
          {
            requiredKeys: [
              'gen_ai.provider.name',
              'gen_ai.request.model',
              'gen_ai.usage.input_tokens',
              'gen_ai.usage.output_tokens',
            ],
          },
        ),
        fc.dictionary(weirdString, fc.oneof(weirdString, numberLike), {
          maxKeys: 3,
        }),
      )
      .map(([known, tags]) => ({ ...tags, ...known })),
    cost: fc.record({
      amount: fc.oneof(
        {
          weight: 3,
          arbitrary: fc.nat({ max: 10_000_000 }).map(n => (n / 1e6).toFixed(6)),
        },
        { weight: 1, arbitrary: decimalString },
        { weight: 1, arbitrary: numberLike },
      ),
      currency: fc.constantFrom('USD', 'USD', 'EUR', 'usd'),
    }),
  },
  { requiredKeys: ['id', 'timestamp', 'attributes'] },
);
/** A LiteLLM spend-log row that is valid but for the odd field. */
const plausibleLiteLlmRow = fc.record(
  {
    request_id: fc.oneof(
      { weight: 4, arbitrary: fc.uuid() },
      { weight: 1, arbitrary: weirdString },
    ),
    startTime: fc.oneof(
      { weight: 4, arbitrary: plausibleDay.map(d => `${d}T10:00:00.000Z`) },
      { weight: 1, arbitrary: timestampLike },
    ),
    model: fc.oneof(
      fc.constantFrom(
        'gpt-4o',
        'claude-3-5-haiku-20241022',
        'bedrock/anthropic.claude-v2',
      ),
      weirdString,
    ),
    custom_llm_provider: fc.oneof(
      fc.constantFrom('openai', 'bedrock', 'vertex_ai', 'azure'),
      weirdString,
    ),
    spend: fc.oneof(
      fc.nat({ max: 1000 }).map(n => n / 1000),
      numberLike,
    ),
    prompt_tokens: tokenCount,
    completion_tokens: tokenCount,
    api_key: weirdString,
    user: weirdString,
    team_id: weirdString,
    request_tags: fc.oneof(fc.array(weirdString, { maxLength: 4 }), anyJson),
    metadata: fc.oneof(
      fc.record(
        {
          usage_object: fc.oneof(
            fc.record(
              {
                prompt_tokens_details: fc.record(
                  { cached_tokens: tokenCount },
                  { requiredKeys: [] },
                ),
                completion_tokens_details: fc.record(
                  { reasoning_tokens: tokenCount },
                  { requiredKeys: [] },
                ),
              },
              { requiredKeys: [] },
            ),
            anyJson,
          ),
          user_api_key_alias: weirdString,
          user_api_key_team_alias: weirdString,
        },
        { requiredKeys: [] },
      ),
      fc.json(),
      anyJson,
    ),
  },
  { requiredKeys: ['request_id', 'startTime', 'model', 'spend'] },
);
const events = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.array(
      fc.oneof(
        { weight: 4, arbitrary: plausibleOtelEvent },
        { weight: 1, arbitrary: otelEvent },
        { weight: 1, arbitrary: anyJson },
      ),
      { maxLength: 5 },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);
const liteLlmEvents = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: plausibleLiteLlmRow },
    { weight: 1, arbitrary: liteLlmRow },
  ),
  { maxLength: 5 },
);

const reasonLike = fc.oneof(
  { weight: 4, arbitrary: weirdString },
  { weight: 1, arbitrary: anyJson },
);

const DECISION_BODIES = {
  dismiss: bodyLike({ reason: reasonLike }, ['reason']),
  snooze: bodyLike(
    {
      until: fc.oneof(
        {
          weight: 4,
          arbitrary: fc
            .integer({ min: 0, max: 60 })
            .map(n =>
              new Date(Date.UTC(2026, 10, 21) + n * 86_400_000)
                .toISOString()
                .slice(0, 10),
            ),
        },
        { weight: 2, arbitrary: dayLike },
        { weight: 1, arbitrary: anyJson },
      ),
      reason: reasonLike,
    },
    ['until'],
  ),
  reopen: bodyLike({}),
};

const matchLike = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.dictionary(
      fc.constantFrom(
        'provider',
        'projectId',
        'apiKeyId',
        'model',
        'tags.team',
        'userId',
        'nope',
      ),
      fc.oneof(
        fc.constantFrom('openai', 'gateway', 'proj_*', '*', 'key_*_x', ''),
        weirdString,
      ),
      { maxKeys: 3 },
    ),
  },
  { weight: 1, arbitrary: anyJson },
);
const ALLOCATION_RULE_BODY = bodyLike(
  {
    kind: fc.constantFrom('virtualTag', 'split', 'other'),
    id: fc.oneof(fc.constantFrom('fuzz-rule', 'Bad Id'), weirdString),
    match: matchLike,
    tag: fc.oneof(
      fc.constantFrom('environment', 'customer', 'team'),
      weirdString,
    ),
    value: fc.oneof(fc.constantFrom('staging', ''), weirdString),
    valueFrom: fc.constantFrom('tags.env', 'env', 'tags.'),
    method: fc.constantFrom('even', 'fixed', 'proportional', 'metric', 'x'),
    targets: fc.oneof(fc.array(refs, { maxLength: 4 }), anyJson),
    shares: fc.oneof(
      fc.dictionary(refs, numberLike, {
        maxKeys: 3,
      }),
      anyJson,
    ),
    metric: weirdString,
  },
  ['match'],
);
const ruleIds = pathSegment(['fuzz-rule', 'other-rule']);

const SUBSCRIPTION_BODY = bodyLike(
  {
    id: fc.oneof(fc.constantFrom('fuzz-sub', 'Bad Id'), weirdString),
    vendor: fc.oneof(fc.constantFrom('GitHub', ''), weirdString),
    product: fc.oneof(fc.constantFrom('Copilot Business', ''), weirdString),
    amount: numberLike,
    currency: fc.oneof(fc.constantFrom('USD', 'EUR', 'usd', 'XX'), weirdString),
    period: fc.constantFrom('month', 'year', 'week'),
    start: dayLike,
    end: dayLike,
    seats: numberLike,
    entityRef: refs,
    groups: fc.oneof(fc.array(refs, { maxLength: 3 }), anyJson),
    activeSeatsMetric: fc.oneof(fc.constantFrom('copilot_seats'), weirdString),
  },
  ['vendor', 'product', 'amount', 'currency', 'period', 'start'],
);
const subscriptionIds = pathSegment(['fuzz-sub', 'other-sub']);

const monthLike = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.integer({ min: 0, max: 30 }).map(n => {
      const date = new Date(Date.UTC(2025, n, 1));
      return date.toISOString().slice(0, 7);
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('2026-13', '9999-12', '2026-1', '') },
  { weight: 1, arbitrary: weirdString },
);

/** A valid expense export: an AI vendor line and a line that is not one. */
const EXPENSE_CSV = [
  'Date,Vendor,Amount,Currency,Email,Description',
  '2026-11-02,OPENAI *CHATGPT SUBSCR,20.00,USD,jane@example.com,ChatGPT Plus',
  '2026-11-02,DELTA AIR LINES,-300,usd,jane@example.com,',
  '',
].join('\n');

const yearLike = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 1969, max: 2028 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('26', '02026', '2026.5', '') },
  { weight: 1, arbitrary: weirdString },
);

const modelGlobLike = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom('o3', 'claude-opus*', 'GPT-4o', '*', ' o3 '),
  },
  { weight: 1, arbitrary: weirdString },
  { weight: 1, arbitrary: anyJson },
);

const POLICY_EXCEPTION_BODY = bodyLike(
  {
    entityRef: ownedRefs,
    model: modelGlobLike,
    justification: fc.oneof(
      fc.constantFrom('Evaluating o3 for query rewriting', 'too short'),
      weirdString,
      anyJson,
    ),
    expiresAt: fc.oneof(
      { weight: 3, arbitrary: dayLike },
      { weight: 1, arbitrary: anyJson },
    ),
  },
  ['entityRef', 'model', 'justification', 'expiresAt'],
);

/** An exception of SVC its owner may remove. */
async function fuzzException(org: Org) {
  const { policies } = org.services.stores;
  await policies.deleteException('fuzz-exception');
  await policies.addException({
    id: 'fuzz-exception',
    entityRef: SVC,
    model: 'o3',
    justification: 'Evaluating o3 for query rewriting',
    expiresAt: '2026-12-31',
    createdBy: USERS.owner,
    createdAt: '2026-11-20T10:00:00.000Z',
  });
}

const ROUTES: FuzzRoute[] = [
  {
    route: 'GET /budgets/suggestion',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/budgets/suggestion',
        query: {
          entityRef: refs,
          period: fc.constantFrom('month', 'quarter', 'year', ''),
        },
      }),
  },
  {
    route: 'GET /plan',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/plan', query: { year: yearLike } }),
  },
  {
    route: 'GET /plan.csv',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/plan.csv', query: { year: yearLike } }),
  },
  {
    route: 'GET /chargeback',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/chargeback', query: { month: monthLike } }),
  },
  {
    route: 'GET /chargeback.csv',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/chargeback.csv', query: { month: monthLike } }),
  },
  {
    route: 'POST /chargeback/close',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/chargeback/close',
        query: { month: monthLike },
        body: jsonBody(anyJson),
      }),
  },
  {
    route: 'GET /exchange-rates',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/exchange-rates',
        query: {
          currency: fc.oneof(fc.constantFrom('EUR', 'eur', 'GBP'), weirdString),
          from: fromDayLike,
          to: toDayLike,
        },
      }),
  },
  {
    route: 'POST /import/exchange-rates',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/import/exchange-rates',
        body: fc.oneof(
          fc.constant<Body>({
            kind: 'raw',
            contentType: 'text/csv',
            text: 'date,currency,rate\n2026-11,EUR,1.08\n2026-11-14,EUR,1.07\n',
          }),
          fc
            .tuple(
              fc.oneof(monthLike, dayLike, weirdString),
              fc.oneof(fc.constantFrom('EUR', 'usd', 'JPY'), weirdString),
              fc.oneof(decimalString, weirdString),
            )
            .map(
              ([date, currency, rate]): Body => ({
                kind: 'raw',
                contentType: 'text/csv',
                text: `date,currency,rate\n${date},${currency},${rate}\n`,
              }),
            ),
          weirdString.map(
            (text): Body => ({ kind: 'raw', contentType: 'text/csv', text }),
          ),
          jsonBody(anyJson),
        ),
      }),
  },
  {
    route: 'GET /allocation/coverage',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/allocation/coverage',
        query: { from: fromDayLike, to: toDayLike },
      }),
  },
  {
    route: 'GET /allocation/rules',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/allocation/rules', query: {} }),
  },
  {
    route: 'POST /allocation/rules/preview',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/allocation/rules/preview',
        body: jsonBody(ALLOCATION_RULE_BODY),
      }),
  },
  {
    route: 'PUT /allocation/rules/:id',
    method: 'put',
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: ruleIds.map(id => `/allocation/rules/${id}`),
        body: jsonBody(ALLOCATION_RULE_BODY),
      }),
  },
  {
    route: 'DELETE /allocation/rules/:id',
    method: 'delete',
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: ruleIds.map(id => `/allocation/rules/${id}`),
      }),
  },
  {
    route: 'GET /subscriptions',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/subscriptions', query: {} }),
  },
  {
    route: 'PUT /subscriptions/:id',
    method: 'put',
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: subscriptionIds.map(id => `/subscriptions/${id}`),
        body: jsonBody(SUBSCRIPTION_BODY),
      }),
  },
  {
    route: 'DELETE /subscriptions/:id',
    method: 'delete',
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: subscriptionIds.map(id => `/subscriptions/${id}`),
      }),
  },
  {
    route: 'GET /health',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/health', query: {} }),
  },
  {
    route: 'GET /costs',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/costs',
        query: { entityRef: refs, from: fromDayLike, to: toDayLike },
      }),
  },
  {
    route: 'GET /rollup',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/rollup',
        query: {
          groupBy: fc.oneof(
            fc.constantFrom(
              'owner',
              'system',
              'domain',
              'provider',
              'model',
              'Owner',
            ),
            weirdString,
          ),
          from: fromDayLike,
          to: toDayLike,
        },
      }),
  },
  {
    route: 'GET /rollup?metric',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/rollup',
        query: {
          groupBy: fc.constantFrom('tag:customer', 'tag:feature', 'owner'),
          metric: fc.oneof(
            fc.constantFrom('requests', 'tokens', 'customers', 'revenue'),
            weirdString,
          ),
          from: fromDayLike,
          to: toDayLike,
        },
      }),
  },
  {
    route: 'GET /unit-costs',
    method: 'get',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/unit-costs',
        query: {
          entityRef: refs,
          metric: fc.oneof(
            fc.constantFrom('requests', 'tokens', 'customers', 'documents'),
            weirdString,
          ),
          from: fromDayLike,
          to: toDayLike,
        },
      }),
  },
  {
    route: 'GET /metrics',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/metrics', query: { entityRef: refs } }),
  },
  {
    route: 'POST /metrics',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/metrics',
        body: jsonBody(
          fc.oneof(
            fc.record({
              metrics: fc.array(
                fc.record(
                  {
                    metric: fc.oneof(
                      fc.constantFrom('documents', 'revenue', 'requests'),
                      weirdString,
                    ),
                    date: fromDayLike,
                    value: fc.oneof(fc.double(), fc.integer(), weirdString),
                    unit: fc.oneof(
                      fc.constantFrom('USD', 'EUR', 'docs'),
                      weirdString,
                    ),
                    entityRef: refs,
                    tags: fc.dictionary(weirdString, weirdString, {
                      maxKeys: 2,
                    }),
                  },
                  { requiredKeys: ['metric', 'date', 'value'] },
                ),
                { maxLength: 5 },
              ),
            }),
            anyJson,
          ),
        ),
      }),
  },
  {
    route: 'GET /export.csv',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/export.csv',
        query: { entityRef: refs, from: fromDayLike, to: toDayLike },
      }),
  },
  {
    route: 'GET /attribution',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/attribution', query: {} }),
  },
  {
    route: 'GET /attribution/claims',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/attribution/claims',
        query: { entityRef: refs },
      }),
  },
  {
    route: 'POST /attribution/preview',
    method: 'post',
    input: () =>
      fuzzCase({ fixedPath: '/attribution/preview', body: jsonBody(anyJson) }),
  },
  {
    route: 'GET /attribution/values',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/attribution/values',
        query: { provider: weirdString, q: weirdString, limit: weirdString },
      }),
  },
  {
    route: 'POST /attribution/refresh',
    method: 'post',
    input: () =>
      fuzzCase({ fixedPath: '/attribution/refresh', body: jsonBody(anyJson) }),
  },
  {
    route: 'GET /budgets',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/budgets', query: { entityRef: refs } }),
  },
  {
    route: 'PUT /budgets',
    method: 'put',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/budgets',
        query: { entityRef: ownedRefs },
        body: jsonBody(
          fc.oneof(
            {
              weight: 2,
              arbitrary: fc.record(
                {
                  amount: fc.oneof(
                    fc.integer({ min: 1, max: 1_000_000 }),
                    fc.double({ min: 0.01, max: 1e12, noNaN: true }),
                  ),
                  currency: fc.constant('USD'),
                  period: fc.constantFrom('month', 'quarter'),
                  thresholds: fc.array(
                    fc.double({ min: 0.01, max: 10, noNaN: true }),
                    { minLength: 1, maxLength: 10 },
                  ),
                },
                { requiredKeys: ['amount'] },
              ),
            },
            {
              weight: 3,
              arbitrary: bodyLike(
                {
                  amount: fc.oneof(
                    fc.integer({ min: 1, max: 1_000_000 }),
                    numberLike,
                  ),
                  currency: fc.oneof(
                    fc.constantFrom('USD', 'EUR', 'usd'),
                    weirdString,
                  ),
                  period: fc.oneof(
                    fc.constantFrom('month', 'quarter', 'year'),
                    weirdString,
                  ),
                  thresholds: fc.oneof(
                    fc.array(
                      fc.oneof(
                        fc.double({ min: 0.01, max: 2, noNaN: true }),
                        numberLike,
                      ),
                      {
                        maxLength: 12,
                      },
                    ),
                    anyJson,
                  ),
                },
                ['amount'],
              ),
            },
          ),
        ),
      }),
  },
  {
    route: 'DELETE /budgets',
    method: 'delete',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/budgets',
        query: { entityRef: ownedRefs },
      }),
  },
  {
    route: 'GET /budgets/status',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/budgets/status', query: { entityRef: refs } }),
  },
  {
    route: 'GET /forecast',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/forecast', query: { entityRef: refs } }),
  },
  {
    route: 'GET /anomalies',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/anomalies', query: { entityRef: refs, status } }),
  },
  {
    route: 'GET /anomalies/settings',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/anomalies/settings',
        query: { entityRef: refs },
      }),
  },
  {
    route: 'PUT /anomalies/settings',
    method: 'put',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/anomalies/settings',
        query: { entityRef: ownedRefs },
        body: jsonBody(
          bodyLike(
            {
              minImpact: fc.oneof(
                fc.constant(null),
                fc.integer({ min: -10, max: 1_000_000 }),
                fc.double({ min: 0, max: 1e13, noNaN: true }),
                anyJson,
              ),
              minImpactPercent: fc.oneof(
                fc.constant(null),
                fc.double({ min: -1, max: 2000, noNaN: true }),
                anyJson,
              ),
            },
            [],
          ),
        ),
      }),
  },
  {
    route: 'GET /budgets/requests',
    method: 'get',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/budgets/requests',
        query: {
          status: fc.oneof(
            fc.constantFrom('pending', 'approved', 'rejected'),
            weirdString,
          ),
          entityRef: refs,
        },
      }),
  },
  {
    route: 'POST /budgets/requests',
    method: 'post',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/budgets/requests',
        body: jsonBody(
          bodyLike(
            {
              entityRef: ownedRefs,
              amount: fc.oneof(
                fc.integer({ min: 1, max: 1_000_000 }),
                fc.double({ noNaN: false }),
                anyJson,
              ),
              period: fc.oneof(fc.constantFrom('month', 'quarter'), anyJson),
              scope: fc.oneof(fc.constant('environment:staging'), weirdString),
              businessCase: fc.oneof(weirdString, anyJson),
            },
            ['entityRef', 'amount'],
          ),
        ),
      }),
  },
  ...(['approve', 'reject'] as const).map(action => ({
    route: `POST /budgets/requests/:id/${action}`,
    method: 'post' as const,
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: pathSegment(['fuzz-request', 'other-request']).map(
          id => `/budgets/requests/${id}/${action}`,
        ),
        body: jsonBody(bodyLike({ comment: reasonLike })),
      }),
  })),
  {
    route: 'POST /anomalies/:id/feedback',
    method: 'post',
    input: org =>
      fuzzCase({
        fixedPath: '',
        path: pathSegment([
          org.ids.anomaly,
          '0',
          '-1',
          '99999999999999999999',
        ]).map(id => `/anomalies/${id}/feedback`),
        body: jsonBody(
          bodyLike(
            {
              feedback: fc.oneof(
                {
                  weight: 4,
                  arbitrary: fc.constantFrom(
                    'accurate',
                    'expected',
                    'not-an-issue',
                  ),
                },
                { weight: 1, arbitrary: weirdString },
              ),
              comment: fc.oneof(
                { weight: 4, arbitrary: weirdString },
                { weight: 1, arbitrary: anyJson },
              ),
            },
            ['feedback'],
          ),
        ),
      }),
  },
  {
    route: 'GET /recommendations',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/recommendations',
        query: { entityRef: refs, status },
      }),
  },
  ...(['dismiss', 'snooze', 'reopen'] as const).map(
    (action): FuzzRoute => ({
      route: `POST /recommendations/:id/${action}`,
      method: 'post',
      input: org =>
        fuzzCase({
          persona: fc.oneof(mostlyOwner, mostlyAdmin),
          fixedPath: '',
          path: pathSegment([
            org.ids.entityRecommendation,
            org.ids.orgRecommendation,
          ]).map(id => `/recommendations/${id}/${action}`),
          body: jsonBody(DECISION_BODIES[action]),
        }),
    }),
  ),
  {
    route: 'POST /digests/send',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/digests/send',
        query: {
          kind: fc.oneof(
            fc.constantFrom('weekly', 'monthly', 'leadership', 'WEEKLY', ''),
            weirdString,
          ),
        },
        body: jsonBody(anyJson),
      }),
  },
  {
    route: 'GET /insights/facts',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/insights/facts', query: {} }),
  },
  {
    route: 'GET /policies',
    method: 'get',
    input: () =>
      fuzzCase({ fixedPath: '/policies', query: { entityRef: refs } }),
  },
  {
    route: 'GET /policies/violations',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/policies/violations',
        query: { entityRef: refs, from: fromDayLike, to: toDayLike },
      }),
  },
  {
    route: 'GET /policies/exceptions',
    method: 'get',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/policies/exceptions',
        query: { entityRef: refs },
      }),
  },
  {
    route: 'POST /policies/exceptions',
    method: 'post',
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '/policies/exceptions',
        body: jsonBody(POLICY_EXCEPTION_BODY),
      }),
  },
  {
    route: 'DELETE /policies/exceptions/:id',
    method: 'delete',
    prepare: fuzzException,
    input: () =>
      fuzzCase({
        persona: mostlyOwner,
        fixedPath: '',
        path: pathSegment(['fuzz-exception', 'other-exception']).map(
          id => `/policies/exceptions/${id}`,
        ),
      }),
  },
  {
    route: 'GET /guardrails/decision',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/guardrails/decision',
        query: {
          entityRef: refs,
          provider: fc.oneof(
            fc.constantFrom('openai', 'gateway', 'OpenAI'),
            weirdString,
          ),
          apiKeyId: fc.oneof(
            fc.constantFrom('key_search', 'key_orphan'),
            weirdString,
          ),
          tags: fc.oneof(
            fc.constantFrom('service=search', 'service=search,app=x', 'a', '='),
            weirdString,
          ),
          model: fc.oneof(fc.constantFrom('gpt-4o', 'o3'), weirdString),
        },
      }),
  },
  {
    route: 'GET /sources',
    method: 'get',
    input: () => fuzzCase({ fixedPath: '/sources', query: {} }),
  },
  {
    route: 'POST /sources/:id/refresh',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '',
        path: pathSegment(['openai-prod', 'gateway']).map(
          id => `/sources/${id}/refresh`,
        ),
        body: jsonBody(anyJson),
      }),
  },
  {
    route: 'GET /reconciliation',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/reconciliation',
        query: { from: fromDayLike, to: toDayLike },
      }),
  },
  {
    route: 'POST /ingest/events',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/ingest/events',
        query: {},
        body: jsonBody(
          fc.oneof(
            {
              weight: 1,
              arbitrary: fc
                .array(fc.uuid(), { minLength: 1, maxLength: 3 })
                .map(ids => ({ events: ids.map(id => gatewayEvent(id)) })),
            },
            {
              weight: 4,
              arbitrary: fc.record({ format: fc.constant('otel'), events }),
            },
            {
              weight: 3,
              arbitrary: fc.record({
                format: fc.constant('litellm'),
                events: liteLlmEvents,
              }),
            },
            {
              weight: 2,
              arbitrary: bodyLike({
                format: fc.oneof(
                  fc.constantFrom('otel', 'litellm', 'OTEL'),
                  weirdString,
                ),
                events: fc.oneof(events, liteLlmEvents, anyJson),
              }),
            },
          ),
        ),
      }),
  },
  {
    route: 'POST /import/focus',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/import/focus',
        query: {
          sourceId: fc.oneof(
            fc.constantFrom('focus', 'gateway', 'openai-prod', 'focus-2'),
            weirdString,
          ),
          fileId: weirdString,
          replace: fc.oneof(
            fc.constantFrom('true', 'false', 'TRUE', '1'),
            weirdString,
          ),
        },
        body: fc.oneof(
          fc.constant<Body>({
            kind: 'raw',
            contentType: 'text/csv',
            text: FOCUS_CSV,
          }),
          weirdString.map(
            (text): Body => ({ kind: 'raw', contentType: 'text/csv', text }),
          ),
          fc.uint8Array({ maxLength: 64 }).map(
            (bytes): Body => ({
              kind: 'bytes',
              contentType: 'text/csv',
              encoding: 'gzip',
              bytes: Buffer.from(bytes),
            }),
          ),
          fc.nat({ max: 200 }).map(
            (cut): Body => ({
              kind: 'bytes',
              contentType: 'text/csv',
              encoding: 'gzip',
              bytes: zlib.gzipSync(FOCUS_CSV).subarray(0, cut),
            }),
          ),
          fc.constantFrom('br', 'compress', 'gzip, deflate', '').map(
            (encoding): Body => ({
              kind: 'bytes',
              contentType: 'text/csv',
              encoding,
              bytes: Buffer.from(FOCUS_CSV),
            }),
          ),
          jsonBody(anyJson),
        ),
      }),
  },
  {
    route: 'POST /import/expenses',
    method: 'post',
    input: () =>
      fuzzCase({
        fixedPath: '/import/expenses',
        query: {
          sourceId: fc.oneof(
            fc.constantFrom('expenses', 'focus', 'openai-prod', 'cards-2'),
            weirdString,
          ),
        },
        body: fc.oneof(
          fc.constant<Body>({
            kind: 'raw',
            contentType: 'text/csv',
            text: EXPENSE_CSV,
          }),
          fc.tuple(weirdString, weirdString, weirdString, weirdString).map(
            ([date, vendor, amount, user]): Body => ({
              kind: 'raw',
              contentType: 'text/csv',
              text: `date,vendor,amount,currency,email\n${[
                date,
                vendor,
                amount,
                'USD',
                user,
              ]
                .map(f => `"${f.replace(/"/g, '""')}"`)
                .join(',')}\n`,
            }),
          ),
          weirdString.map(
            (text): Body => ({ kind: 'raw', contentType: 'text/csv', text }),
          ),
          fc.uint8Array({ maxLength: 64 }).map(
            (bytes): Body => ({
              kind: 'bytes',
              contentType: 'text/csv',
              encoding: 'gzip',
              bytes: Buffer.from(bytes),
            }),
          ),
          jsonBody(anyJson),
        ),
      }),
  },
  {
    route: 'GET /shadow-ai',
    method: 'get',
    input: () =>
      fuzzCase({
        fixedPath: '/shadow-ai',
        query: { from: fromDayLike, to: toDayLike },
      }),
  },
];

function send(org: Org, method: FuzzRoute['method'], input: FuzzCase) {
  const url = input.query ? `${input.path}?${input.query}` : input.path;
  const req = request(org.app as any)
    [method](url)
    .set(
      'Authorization',
      input.persona === 'anonymous'
        ? mockCredentials.none.header()
        : mockCredentials.user.header(USERS[input.persona]),
    );
  const { body } = input;
  switch (body.kind) {
    case 'none':
      return req;
    case 'json':
      return req
        .set('Content-Type', 'application/json')
        .send(JSON.stringify(body.value) ?? 'null');
    case 'raw':
      return req.set('Content-Type', body.contentType).send(body.text);
    case 'bytes':
      if (body.encoding !== undefined) {
        req.set('Content-Encoding', body.encoding);
      }
      return req.set('Content-Type', body.contentType).send(body.bytes);
    default:
      throw new Error('unknown body');
  }
}

/** Inputs per route and database, and what the API answered. */
const figures: Record<
  string,
  Record<
    string,
    { inputs: number; statuses: Record<string, number>; messages: string[] }
  >
> = {};
afterAll(() => writeReliabilityFigures('route-fuzz', figures));

describe('input fuzzing of every route: only 2xx/4xx with a message, never a 5xx or a stack trace', () => {
  const databases = createTestDatabases();

  it('fuzzes every route of the OpenAPI spec', () => {
    const fuzzed = new Set(ROUTES.map(r => r.route));
    const declared = Object.entries(
      spec.paths as Record<string, object>,
    ).flatMap(([path, operations]) =>
      Object.keys(operations).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`,
      ),
    );
    expect(declared.filter(route => !fuzzed.has(route))).toEqual([]);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const numRuns = fuzzRuns(
      String(databaseId).startsWith('POSTGRES') ? 40 : 80,
    );
    let org: Org;
    beforeAll(async () => {
      org = await createGovernedOrg(await databases.init(databaseId));
    });

    it.each(ROUTES.map(route => [route.route, route] as const))(
      '%s',
      async (name, route) => {
        const seen = {
          inputs: 0,
          statuses: {} as Record<string, number>,
          /** Some distinct 4xx messages, to show what callers are told. */
          messages: [] as string[],
        };
        await route.prepare?.(org);
        await fc.assert(
          fc.asyncProperty(route.input(org), async input => {
            const res = await send(org, route.method, input);
            seen.inputs += 1;
            seen.statuses[res.status] = (seen.statuses[res.status] ?? 0) + 1;
            const message = `${res.status} ${res.body?.error?.message ?? ''}`;
            if (
              res.status >= 400 &&
              seen.messages.length < 12 &&
              !seen.messages.includes(message)
            ) {
              seen.messages.push(message.slice(0, 160));
            }
            const problems = responseProblems(res);
            if (problems.length > 0) {
              throw new Error(
                `${problems.join(', ')}: ${res.status} ${res.text.slice(
                  0,
                  500,
                )}`,
              );
            }
          }),
          { numRuns },
        );
        (figures[String(databaseId)] ??= {})[name] = seen;
        expect(seen.inputs).toBe(numRuns);
      },
    );
  });
});
