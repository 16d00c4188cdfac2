import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import {
  unitEconomicsCatalog,
  unitEconomicsUsage,
} from '../__testUtils__/unitEconomicsOrg';
import { registerUnitEconomicsActions } from './registerUnitEconomicsActions';

jest.setTimeout(60_000);

describe('registerUnitEconomicsActions', () => {
  const databases = createTestDatabases();

  async function setup() {
    const test = await createCostTestApp({
      knex: await databases.init('SQLITE_3'),
      entities: unitEconomicsCatalog(),
      policy: (_permission, user) =>
        user === 'user:default/bob' ? 'DENY' : undefined,
    });
    for (const [sourceId, { provider, records }] of Object.entries(
      unitEconomicsUsage(),
    )) {
      await test.ingest(sourceId, provider, records);
    }
    await test.indexer.rebuild();
    await test.services.unitEconomics.push({
      metrics: [
        {
          metric: 'documents_processed',
          date: '2026-11-01',
          value: 100,
          entityRef: 'component:default/doc-service',
        },
        {
          metric: 'documents_processed',
          date: '2026-11-02',
          value: 150,
          entityRef: 'component:default/doc-service',
        },
        {
          metric: 'revenue',
          date: '2026-11-02',
          value: 2,
          unit: 'USD',
          tags: { customer: 'acme' },
        },
        {
          metric: 'revenue',
          date: '2026-11-02',
          value: 0.1,
          tags: { customer: 'globex' },
        },
      ],
    });
    const registry = actionsRegistryServiceMock({
      logger: mockServices.logger.mock(),
    });
    registerUnitEconomicsActions({
      actionsRegistry: registry,
      unitEconomics: test.services.unitEconomics,
      costs: test.costs,
      entities: test.entities,
      permissions: test.permissions,
      now: () => new Date('2026-11-03T12:00:00Z'),
    });
    const invoke = (name: string, input: object, user = 'user:default/alice') =>
      registry.invoke({
        id: `test:${name}`,
        input,
        credentials: mockCredentials.user(user),
      });
    return { invoke };
  }

  it("answers an entity's unit cost by its own metric and the top customers with margins, as the API does", async () => {
    const { invoke } = await setup();
    const unit = await invoke('get-ai-unit-cost', {
      entityRef: 'component:default/doc-service',
      days: 3,
    });
    expect(unit.output).toEqual({
      entityRef: 'component:default/doc-service',
      metric: 'documents_processed',
      unit: null,
      per: 1,
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-03',
      cost: 3.5,
      value: 250,
      unitCost: 0.012,
      previousUnitCost: null,
      unitCostChange: null,
      valueChange: null,
      costWithoutMetric: 0.5,
      nextPeriodCost: null,
    });
    const customers = await invoke('get-top-ai-customers', {
      days: 3,
      metric: 'revenue',
    });
    expect(customers.output).toEqual({
      currency: 'USD',
      from: '2026-11-01',
      to: '2026-11-03',
      total: 4.35,
      customers: [
        {
          customer: 'acme',
          cost: 0.5,
          previousCost: 0,
          metricValue: 2,
          margin: 1.5,
          marginPercent: 0.75,
        },
        {
          customer: 'globex',
          cost: 0.3,
          previousCost: 0,
          metricValue: 0.1,
          margin: -0.2,
          marginPercent: -2,
        },
      ],
    });
  });

  it('checks the caller as the API does', async () => {
    const { invoke } = await setup();
    await expect(
      invoke('get-top-ai-customers', { days: 3 }, 'user:default/bob'),
    ).rejects.toThrow('Missing permission ai-cost.org.read');
    await expect(
      invoke(
        'get-ai-unit-cost',
        { entityRef: 'component:default/doc-service' },
        'user:default/bob',
      ),
    ).rejects.toThrow(
      'Missing permission ai-cost.costs.read on component:default/doc-service',
    );
  });
});
