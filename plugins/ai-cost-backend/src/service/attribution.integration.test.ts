import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const ALICE = 'user:default/alice';
const BOB = 'user:default/bob';
const MALLORY = 'user:default/mallory';

const CHAT = 'component:default/chat';
const CHAT_TWO = 'component:default/chat-two';
const SECRET = 'component:default/secret';
const SANDBOX = 'resource:default/bedrock-sandbox';

function catalog() {
  return [
    catalogEntity('group:default/team-a'),
    catalogEntity(CHAT, {
      owner: 'group:default/team-a',
      annotations: {
        'ai-cost/openai-project-id': 'proj_chat',
        'ai-cost/gateway-tags': 'service=chat',
      },
    }),
    catalogEntity(CHAT_TWO, {
      owner: 'group:default/team-a',
      annotations: { 'ai-cost/openai-project-id': 'proj_chat' },
    }),
    catalogEntity(SECRET, {
      owner: 'group:default/team-a',
      annotations: { 'ai-cost/openai-project-id': 'proj_chat' },
    }),
    catalogEntity(SANDBOX, {
      owner: 'group:default/team-a',
      annotations: { 'ai-cost/aws-account-id': '111122223333' },
    }),
  ];
}

const usd = (
  cost: number,
  rest: Partial<UsageRecord> & { date: string },
): UsageRecord => ({
  cost,
  currency: 'USD',
  costKind: 'billed',
  model: 'gpt-4o',
  ...rest,
});

/** Micro-units: proj_chat 1.25 (2026-10-01, before the 30 days) + 2.000001 + 3. */
const OPENAI: UsageRecord[] = [
  usd(1_250_000, { date: '2026-10-01', projectId: 'proj_chat' }),
  usd(2_000_001, {
    date: '2026-10-20',
    projectId: 'proj_chat',
    apiKeyId: 'key_1',
  }),
  usd(3_000_000, { date: '2026-11-02', projectId: 'proj_chat' }),
  usd(4_500_000, { date: '2026-11-02', projectId: 'proj_orphan' }),
];
const GATEWAY: UsageRecord[] = [
  usd(700_000, { date: '2026-11-01', tags: { service: 'chat', env: 'prod' } }),
];

const NEW_ENTITY = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'new-chat',
    annotations: {
      'ai-cost/openai-project-id': 'proj_chat, <openai-project-id>',
      'ai-cost/aws-account-id': '111122223333',
      'ai-cost/gateway-tags': 'service=chat',
      'ai-cost/anthropic-workspace-id': ' ',
      'ai-cost/openai-projet-id': 'proj_typo',
    },
  },
  spec: { type: 'service', owner: 'team-a' },
};

const NEW_ENTITY_YAML = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: new-chat
  annotations:
    ai-cost/openai-project-id: "proj_chat, <openai-project-id>"
    ai-cost/aws-account-id: "111122223333"
    ai-cost/gateway-tags: service=chat
    ai-cost/anthropic-workspace-id: " "
    ai-cost/openai-projet-id: proj_typo
spec:
  type: service
  owner: team-a
`;

const previewFor = (conflicts: string[]) => ({
  entityRef: 'component:default/new-chat',
  currency: 'USD',
  from: '2026-10-05',
  to: '2026-11-03',
  claims: [
    {
      annotation: 'ai-cost/openai-project-id',
      provider: 'openai',
      dimension: 'projectId',
      value: 'proj_chat',
      cost: 5.000001,
      lastSeen: '2026-11-02',
      conflictsWith: conflicts,
    },
    {
      annotation: 'ai-cost/openai-project-id',
      provider: 'openai',
      dimension: 'projectId',
      value: '<openai-project-id>',
      cost: 0,
      lastSeen: null,
      conflictsWith: [],
    },
    {
      annotation: 'ai-cost/aws-account-id',
      provider: 'aws',
      dimension: 'accountId',
      value: '111122223333',
      cost: 0,
      lastSeen: null,
      conflictsWith: [SANDBOX],
    },
    {
      annotation: 'ai-cost/gateway-tags',
      provider: 'gateway',
      dimension: 'tag',
      value: 'service=chat',
      cost: 0.7,
      lastSeen: '2026-11-01',
      conflictsWith: [CHAT],
    },
  ],
  problems: [
    {
      annotation: 'ai-cost/anthropic-workspace-id',
      message:
        'ai-cost/anthropic-workspace-id is empty; expected a comma-separated list of ids',
    },
    {
      annotation: 'ai-cost/openai-projet-id',
      message:
        'ai-cost/openai-projet-id is not an AI Cost annotation; it claims nothing',
    },
    {
      annotation: 'ai-cost/openai-project-id',
      message:
        'ai-cost/openai-project-id holds the placeholder "<openai-project-id>"; replace it with a real id',
    },
  ],
});

describe('claim previews, billed values and claim states', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    const test = await createCostTestApp({
      knex,
      entities: catalog(),
      hiddenFrom: { [ALICE]: [SECRET] },
      policy: (permission, user) =>
        user === MALLORY && permission === 'ai-cost.org.read'
          ? 'DENY'
          : undefined,
    });
    await test.ingest('openai-main', 'openai', OPENAI);
    await test.ingest('gateway-main', 'gateway', GATEWAY);
    await test.indexer.rebuild();
    return test;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let app: Awaited<ReturnType<typeof setup>>['app'];
    beforeAll(async () => {
      ({ app } = await setup(databaseId));
    });

    const as = (user: string) => ({
      Authorization: mockCredentials.user.header(user),
    });

    it('previews a JSON entity: spend, conflicts and problems', async () => {
      const res = await request(app)
        .post('/attribution/preview')
        .set(as(BOB))
        .send({ entity: NEW_ENTITY });
      expect(res.status).toBe(200);
      expect(res.body).toEqual(previewFor([CHAT, CHAT_TWO, SECRET]));
    });

    it('previews a catalog-info.yaml and hides entities the caller cannot see', async () => {
      const res = await request(app)
        .post('/attribution/preview')
        .set(as(ALICE))
        .set('Content-Type', 'text/yaml')
        .send(NEW_ENTITY_YAML);
      expect(res.status).toBe(200);
      expect(res.body).toEqual(previewFor([CHAT, CHAT_TWO]));
    });

    it('does not count an already-registered entity as its own conflict', async () => {
      const res = await request(app)
        .post('/attribution/preview')
        .set(as(BOB))
        .send({
          entity: catalog().find(e => e.metadata.name === 'chat-two'),
        });
      expect(res.status).toBe(200);
      expect(res.body.claims).toEqual([
        {
          annotation: 'ai-cost/openai-project-id',
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_chat',
          cost: 5.000001,
          lastSeen: '2026-11-02',
          conflictsWith: [CHAT, SECRET],
        },
      ]);
      expect(res.body.problems).toEqual([]);
    });

    it('refuses anonymous callers and unreadable bodies', async () => {
      const anonymous = await request(app)
        .post('/attribution/preview')
        .set('Authorization', mockCredentials.none.header())
        .send({ entity: NEW_ENTITY });
      expect(anonymous.status).toBe(401);

      const noName = await request(app)
        .post('/attribution/preview')
        .set(as(BOB))
        .send({ entity: { kind: 'Component', metadata: {} } });
      expect(noName.status).toBe(400);
      expect(noName.body.error.message).toBe('entity.metadata.name: Required');

      const twoDocuments = await request(app)
        .post('/attribution/preview')
        .set(as(BOB))
        .set('Content-Type', 'text/yaml')
        .send(`${NEW_ENTITY_YAML}---\n${NEW_ENTITY_YAML}`);
      expect(twoDocuments.status).toBe(400);
      expect(twoDocuments.body.error.message).toBe(
        'body: expected one entity, the YAML holds 2 documents',
      );

      const broken = await request(app)
        .post('/attribution/preview')
        .set(as(BOB))
        .set('Content-Type', 'text/yaml')
        .send('kind: [Component\n');
      expect(broken.status).toBe(400);
      expect(broken.body.error.message).toMatch(/^body: invalid YAML: /);
    });

    it('lists billed values with their claim state, costliest first', async () => {
      const res = await request(app).get('/attribution/values').set(as(BOB));
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        currency: 'USD',
        from: '2026-08-06',
        to: '2026-11-03',
        truncated: false,
        items: [
          {
            provider: 'openai',
            dimension: 'projectId',
            value: 'proj_chat',
            cost: 6.250001,
            lastSeen: '2026-11-02',
            claimedBy: [CHAT, CHAT_TWO, SECRET],
            snippet: 'ai-cost/openai-project-id: "proj_chat"',
          },
          {
            provider: 'openai',
            dimension: 'projectId',
            value: 'proj_orphan',
            cost: 4.5,
            lastSeen: '2026-11-02',
            claimedBy: [],
            snippet: 'ai-cost/openai-project-id: "proj_orphan"',
          },
          {
            provider: 'openai',
            dimension: 'apiKeyId',
            value: 'key_1',
            cost: 2.000001,
            lastSeen: '2026-10-20',
            claimedBy: [],
            snippet: 'ai-cost/openai-api-key-id: "key_1"',
          },
          {
            provider: 'gateway',
            dimension: 'tag',
            value: 'env=prod',
            cost: 0.7,
            lastSeen: '2026-11-01',
            claimedBy: [],
            snippet: 'ai-cost/gateway-tags: "env=prod"',
          },
          {
            provider: 'gateway',
            dimension: 'tag',
            value: 'service=chat',
            cost: 0.7,
            lastSeen: '2026-11-01',
            claimedBy: [CHAT],
            snippet: 'ai-cost/gateway-tags: "service=chat"',
          },
        ],
      });
    });

    it('filters and bounds the billed values', async () => {
      const search = await request(app)
        .get('/attribution/values?q=ORPHAN')
        .set(as(BOB));
      expect(search.body.items.map((i: { value: string }) => i.value)).toEqual([
        'proj_orphan',
      ]);
      const gateway = await request(app)
        .get('/attribution/values?provider=gateway&limit=1')
        .set(as(BOB));
      expect(gateway.body.truncated).toBe(true);
      expect(gateway.body.items.map((i: { value: string }) => i.value)).toEqual(
        ['env=prod'],
      );
      const tooMany = await request(app)
        .get('/attribution/values?limit=1001')
        .set(as(BOB));
      expect(tooMany.status).toBe(400);
      expect(tooMany.body.error.message).toBe(
        'limit: Number must be less than or equal to 1000',
      );
    });

    it('needs ai-cost.org.read for the billed values', async () => {
      const anonymous = await request(app)
        .get('/attribution/values')
        .set('Authorization', mockCredentials.none.header());
      expect(anonymous.status).toBe(401);
      const denied = await request(app)
        .get('/attribution/values')
        .set(as(MALLORY));
      expect(denied.status).toBe(403);
    });

    it('says for each claim whether a source exists and its value was billed', async () => {
      const sandbox = await request(app)
        .get(`/attribution/claims?entityRef=${SANDBOX}`)
        .set(as(BOB));
      expect(sandbox.status).toBe(200);
      expect(sandbox.body.claims).toEqual([
        {
          annotation: 'ai-cost/aws-account-id',
          provider: 'aws',
          dimension: 'accountId',
          value: '111122223333',
          conflictsWith: [],
          sourceConfigured: false,
          seen: false,
          lastSeen: null,
        },
      ]);

      const chat = await request(app)
        .get(`/attribution/claims?entityRef=${CHAT}`)
        .set(as(BOB));
      expect(chat.status).toBe(200);
      expect(chat.body.claims).toEqual([
        {
          annotation: 'ai-cost/openai-project-id',
          provider: 'openai',
          dimension: 'projectId',
          value: 'proj_chat',
          conflictsWith: [CHAT_TWO, SECRET],
          sourceConfigured: true,
          seen: true,
          lastSeen: '2026-11-02',
        },
        {
          annotation: 'ai-cost/gateway-tags',
          provider: 'gateway',
          dimension: 'tag',
          value: 'service=chat',
          conflictsWith: [],
          sourceConfigured: true,
          seen: true,
          lastSeen: '2026-11-01',
        },
      ]);
    });

    it('answers 404 for the claims of an entity the caller cannot see', async () => {
      const res = await request(app)
        .get(`/attribution/claims?entityRef=${SECRET}`)
        .set(as(ALICE));
      expect(res.status).toBe(404);
    });
  });
});
