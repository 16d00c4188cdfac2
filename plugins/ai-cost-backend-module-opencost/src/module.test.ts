import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import {
  createProviderCollectorPlugin,
  createRefusingPricingService,
} from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { readCurrency, readOpenCostSourceConfigs } from './config';
import aiCostModuleOpenCost from './index';
import { OpenCostProvider } from './OpenCostProvider';
import {
  BASE_URL,
  FakeOpenCost,
  idle,
  TOKEN,
  workload,
} from './__testUtils__/fakeOpenCost';

async function startWith(data: object) {
  const collected: AiCostProvider[] = [];
  const backend = await startTestBackend({
    features: [
      createProviderCollectorPlugin(collected),
      aiCostModuleOpenCost,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { collected, backend };
}

const context = () => ({
  logger: mockServices.logger.mock(),
  pricing: createRefusingPricingService(),
});

describe('aiCostModuleOpenCost', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('registers one kubernetes provider per configured source, with its settings', async () => {
    const { collected, backend } = await startWith({
      aiCost: {
        currency: 'eur',
        providers: {
          opencost: [
            { id: 'opencost-prod', baseUrl: BASE_URL, token: TOKEN },
            {
              id: 'kubecost-lab',
              baseUrl: 'http://kubecost.test:9090/model',
              include: 'all',
              allocationPath: '/allocation',
            },
          ],
        },
      },
    });
    expect(collected.map(p => [p.id, p.provider])).toEqual([
      ['opencost-prod', 'kubernetes'],
      ['kubecost-lab', 'kubernetes'],
    ]);
    expect(collected[0]).toBeInstanceOf(OpenCostProvider);

    // The first source talks to its baseUrl with its token, reads GPU cost
    // only and reports in aiCost.currency.
    const api = new FakeOpenCost(server, { token: TOKEN });
    api.day('2024-11-01', [
      workload('c', 'ns', 'deployment', 'web', { cpuCost: 1 }),
      idle('c', { gpuCost: 2 }),
    ]);
    const gpu = await collected[0].fetchUsage(
      { from: '2024-11-01', to: '2024-11-01' },
      context(),
    );
    expect(gpu.map(r => [r.resourceId, r.cost, r.currency])).toEqual([
      ['c/__idle__', 2_000_000, 'EUR'],
    ]);
    expect(api.seen).toHaveLength(1);

    // The second reads Kubecost's path and every cost.
    const kubecost = new FakeOpenCost(server, {
      baseUrl: 'http://kubecost.test:9090/model',
      path: '/allocation',
    });
    kubecost.day('2024-11-01', [
      workload('c', 'ns', 'deployment', 'web', { cpuCost: 1 }),
    ]);
    const all = await collected[1].fetchUsage(
      { from: '2024-11-01', to: '2024-11-01' },
      context(),
    );
    expect(all.map(r => [r.resourceId, r.cost])).toEqual([
      ['c/ns/deployment/web', 1_000_000],
    ]);
    await backend.stop();
  });

  it('registers nothing when no OpenCost source is configured', async () => {
    const { collected, backend } = await startWith({ aiCost: {} });
    expect(collected).toEqual([]);
    await backend.stop();
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startWith({
        aiCost: {
          providers: {
            opencost: [
              { id: 'opencost-prod', baseUrl: BASE_URL, include: 'cpu' },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      'aiCost.providers.opencost[0].include must be one of "gpu", "all", got "cpu"',
    );
  });
});

describe('readOpenCostSourceConfigs', () => {
  const read = (opencost: unknown) =>
    readOpenCostSourceConfigs(
      new ConfigReader({ aiCost: { providers: { opencost } } } as any),
    );

  it('reads every entry', () => {
    expect(
      read([
        { id: 'a', baseUrl: 'http://opencost.opencost:9003' },
        {
          id: 'b',
          baseUrl: 'https://kubecost.example.com/model',
          include: 'all',
          allocationPath: '/allocation',
          token: 'secret-token-1234',
          retentionDays: 30,
        },
      ]),
    ).toEqual([
      { id: 'a', baseUrl: 'http://opencost.opencost:9003' },
      {
        id: 'b',
        baseUrl: 'https://kubecost.example.com/model',
        include: 'all',
        allocationPath: '/allocation',
        token: 'secret-token-1234',
        retentionDays: 30,
      },
    ]);
    expect(readOpenCostSourceConfigs(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { id: 'x', baseUrl: BASE_URL },
      'aiCost.providers.opencost must be a list of sources, got an object',
    ],
    [[{ id: 'x' }], 'aiCost.providers.opencost[0].baseUrl is required'],
    [
      [{ id: 'x', baseUrl: 'opencost:9003' }],
      'aiCost.providers.opencost[0].baseUrl must be an http(s) URL, got "opencost:9003"',
    ],
    [
      [{ id: 'x', baseUrl: BASE_URL, include: 'gpus' }],
      'aiCost.providers.opencost[0].include must be one of "gpu", "all", got "gpus"',
    ],
    [
      [{ id: 'x', baseUrl: BASE_URL, allocationPath: 'allocation' }],
      'aiCost.providers.opencost[0].allocationPath must be a path starting with "/", e.g. "/allocation/compute", got "allocation"',
    ],
    [
      [
        { id: 'x', baseUrl: BASE_URL },
        { id: 'x', baseUrl: BASE_URL },
      ],
      'aiCost.providers.opencost[1].id "x" is already used by aiCost.providers.opencost[0]; source ids must be unique',
    ],
    [
      [{ id: 'x', baseUrl: BASE_URL, namespace: 'ml' }],
      'aiCost.providers.opencost[0].namespace is not a known setting; known settings are id, baseUrl, include, allocationPath, token and retentionDays',
    ],
    [
      [{ id: 'x', baseUrl: BASE_URL, retentionDays: 0 }],
      'aiCost.providers.opencost[0].retentionDays must be a whole number of days from 1, got 0',
    ],
  ])('rejects %j with a clear message', (opencost, message) => {
    expect(() => read(opencost)).toThrow(new Error(message));
  });

  it('never puts the token in a message', () => {
    expect(() =>
      read([{ id: 'a', baseUrl: BASE_URL, token: ' secret-token-value ' }]),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('secret-token-value'),
      }),
    );
  });
});

describe('readCurrency', () => {
  it('defaults to USD and upper-cases', () => {
    expect(readCurrency(new ConfigReader({}))).toBe('USD');
    expect(
      readCurrency(new ConfigReader({ aiCost: { currency: 'eur' } })),
    ).toBe('EUR');
  });
});
