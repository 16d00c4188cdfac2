import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import {
  ALLOCATION_CONFIG,
  allocationCatalog,
  allocationUsage,
} from '../__testUtils__/allocationOrg';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { registerAllocationActions } from './registerAllocationActions';

jest.setTimeout(60_000);

describe('registerAllocationActions', () => {
  const databases = createTestDatabases();

  async function setup() {
    const test = await createCostTestApp({
      knex: await databases.init('SQLITE_3'),
      entities: allocationCatalog(),
      config: { currency: 'USD', allocation: ALLOCATION_CONFIG },
      policy: (permission, user) =>
        user === 'user:default/bob' && permission === 'ai-cost.org.read'
          ? 'DENY'
          : undefined,
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      allocationUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    const registry = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerAllocationActions({
      actionsRegistry: registry,
      costs: test.costs,
      chargeback: test.services.chargeback,
      permissions: test.permissions,
      now: () => new Date('2026-11-03T12:00:00Z'),
    });
    const invoke = (name: string, input: object, user = 'user:default/alice') =>
      registry.invoke({
        id: `test:${name}`,
        input,
        credentials: mockCredentials.user(user),
      });
    return { registry, invoke };
  }

  it('answers spend by tag, coverage and a team chargeback line as the API does', async () => {
    const { invoke } = await setup();
    const byTag = await invoke('get-ai-spend-by-tag', {
      tag: 'environment',
      days: 3,
    });
    expect(byTag.output).toMatchObject({
      total: 2.923334,
      items: [
        { value: 'production', cost: 2.166667, unallocatedCost: 0 },
        { value: 'staging', cost: 0.09, unallocatedCost: 0.05 },
        { value: null, cost: 0.666667, unallocatedCost: 0.033334 },
      ],
    });
    const coverage = await invoke('get-ai-allocation-coverage', { days: 3 });
    expect(coverage.output).toMatchObject({
      coverage: 0.9715,
      threshold: 0.95,
      chargebackReady: true,
    });
    const line = await invoke('get-team-chargeback-line', {
      entityRef: 'Group:default/search-team',
    });
    expect(line.output).toEqual({
      month: '2026-11',
      status: 'open',
      currency: 'USD',
      entityRef: 'group:default/search-team',
      costCenter: 'CC-100',
      cost: 1.981667,
      adjustments: [],
      monthTotal: 2.923334,
    });
  });

  it('needs ai-cost.org.read', async () => {
    const { invoke } = await setup();
    await expect(
      invoke('get-ai-allocation-coverage', { days: 3 }, 'user:default/bob'),
    ).rejects.toThrow('Missing permission ai-cost.org.read');
  });
});
