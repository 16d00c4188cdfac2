import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { exampleCatalog, exampleUsage } from '../__testUtils__/exampleOrg';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { registerCostActions } from './registerCostActions';

jest.setTimeout(60_000);

describe('registerCostActions', () => {
  const databases = createTestDatabases();

  async function setup() {
    const knex = await databases.init('SQLITE_3');
    const test = await createCostTestApp({
      knex,
      entities: exampleCatalog(),
      policy: (permission, user) =>
        user === 'user:default/bob' && permission === 'ai-cost.org.read'
          ? 'DENY'
          : undefined,
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      exampleUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    const registry = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerCostActions({
      actionsRegistry: registry,
      costs: test.costs,
      entities: test.entities,
      permissions: test.permissions,
      now: () => new Date('2026-11-03T12:00:00Z'),
    });
    return registry;
  }

  it('registers three read-only actions', async () => {
    const registry = await setup();
    const { actions } = await registry.list();
    expect(actions.map(a => [a.name, a.attributes])).toEqual([
      [
        'get-entity-ai-costs',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'get-top-ai-spenders',
        { readOnly: true, idempotent: true, destructive: false },
      ],
      [
        'get-unallocated-ai-spend',
        { readOnly: true, idempotent: true, destructive: false },
      ],
    ]);
  });

  it('summarises an entity with the caller’s permissions', async () => {
    const registry = await setup();
    const { output } = await registry.invoke({
      id: 'test:get-entity-ai-costs',
      input: { entityRef: 'system:default/search', days: 3 },
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect(output).toEqual({
      entityRef: 'system:default/search',
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-03',
      total: 19.333335,
      own: 1.5,
      viaChildren: 17.833335,
      previousPeriod: 5,
      historyFrom: '2026-10-01',
      topModels: [
        { provider: 'openai', model: 'gpt-4o', cost: 10.000001 },
        { provider: 'anthropic', model: 'claude-sonnet-4-5', cost: 4 },
        { provider: 'openai', model: 'gpt-4o-mini', cost: 3.833334 },
        { provider: 'gcp', model: 'gemini-2.5-pro', cost: 1.5 },
      ],
      topChildren: [
        { entityRef: 'component:default/search-api', cost: 10.000001 },
        { entityRef: 'component:default/semantic-indexer', cost: 4 },
        { entityRef: 'component:default/query-rewriter', cost: 3.833334 },
        { entityRef: 'api:default/search-openapi', cost: 0 },
      ],
    });
    await expect(
      registry.invoke({
        id: 'test:get-entity-ai-costs',
        input: { entityRef: 'component:default/nope', days: 3 },
        credentials: mockCredentials.user('user:default/alice'),
      }),
    ).rejects.toThrow('No entity component:default/nope in the catalog');
  });

  it('ranks top spenders and lists unallocated spend, for org readers only', async () => {
    const registry = await setup();
    const top = await registry.invoke({
      id: 'test:get-top-ai-spenders',
      input: { groupBy: 'owner', days: 3, limit: 2 },
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect(top.output).toEqual({
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-03',
      total: 32.983336,
      items: [
        { key: 'group:default/search-team', cost: 21.333335, previousCost: 5 },
        { key: 'group:default/assistant-team', cost: 3.4, previousCost: 0 },
      ],
    });
    const unallocated = await registry.invoke({
      id: 'test:get-unallocated-ai-spend',
      input: { days: 3 },
      credentials: mockCredentials.user('user:default/alice'),
    });
    expect(unallocated.output).toMatchObject({
      cost: 3.75,
      items: [
        expect.objectContaining({
          value: 'proj_experiments',
          claimWith: 'ai-cost/openai-project-id',
        }),
        expect.objectContaining({ value: '555566667777' }),
        expect.objectContaining({ value: 'service=unknown' }),
        expect.objectContaining({ dimension: 'none' }),
      ],
    });
    for (const id of [
      'test:get-top-ai-spenders',
      'test:get-unallocated-ai-spend',
    ]) {
      await expect(
        registry.invoke({
          id,
          input: {},
          credentials: mockCredentials.user('user:default/bob'),
        }),
      ).rejects.toThrow('Missing permission ai-cost.org.read');
    }
  });
});
