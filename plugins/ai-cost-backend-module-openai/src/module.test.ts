import type { AiCostProvider } from '@ai-cost/plugin-ai-cost-node';
import { createProviderCollectorPlugin } from '@ai-cost/plugin-ai-cost-node/testUtils';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { setupServer } from 'msw/node';
import { readCurrency, readOpenAiSourceConfigs } from './config';
import aiCostModuleOpenAi from './index';
import { OpenAiCostProvider } from './OpenAiCostProvider';
import {
  ADMIN_KEY,
  BASE_URL,
  FakeOpenAi,
  fakePricing,
} from './__testUtils__/fakeOpenAi';

async function startWith(data: object) {
  const collected: AiCostProvider[] = [];
  const backend = await startTestBackend({
    features: [
      createProviderCollectorPlugin(collected),
      aiCostModuleOpenAi,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { collected, backend };
}

describe('aiCostModuleOpenAi', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('registers one provider per configured source', async () => {
    const { collected, backend } = await startWith({
      aiCost: {
        providers: {
          openai: [
            { id: 'openai-prod', adminKey: ADMIN_KEY, baseUrl: BASE_URL },
            { id: 'openai-research', adminKey: 'sk-admin-other-key-1234' },
          ],
        },
      },
    });
    expect(collected.map(p => [p.id, p.provider])).toEqual([
      ['openai-prod', 'openai'],
      ['openai-research', 'openai'],
    ]);
    expect(collected[0]).toBeInstanceOf(OpenAiCostProvider);

    // The first source really talks to its configured baseUrl with its key.
    const api = new FakeOpenAi(server);
    await expect(
      collected[0].fetchUsage(
        { from: '2024-11-01', to: '2024-11-01' },
        { logger: mockServices.logger.mock(), pricing: fakePricing() },
      ),
    ).resolves.toEqual([]);
    expect(api.seen).toHaveLength(3);
    await backend.stop();
  });

  it('registers nothing when no OpenAI source is configured', async () => {
    const { collected, backend } = await startWith({ aiCost: {} });
    expect(collected).toEqual([]);
    await backend.stop();
  });

  it('fails startup with a message naming the bad key', async () => {
    await expect(
      startWith({
        aiCost: {
          providers: {
            openai: [
              { id: 'openai-prod', adminKey: 'sk-admin-a-123456' },
              { id: 'openai-prod', adminKey: 'sk-admin-b-123456' },
            ],
          },
        },
      }),
    ).rejects.toThrow(
      'aiCost.providers.openai[1].id "openai-prod" is already used by aiCost.providers.openai[0]; source ids must be unique',
    );
  });
});

describe('readOpenAiSourceConfigs', () => {
  const read = (openai: unknown) =>
    readOpenAiSourceConfigs(
      new ConfigReader({ aiCost: { providers: { openai } } } as any),
    );

  it('reads every entry', () => {
    expect(
      read([
        { id: 'a', adminKey: 'sk-admin-1' },
        {
          id: 'b.2_x-y',
          adminKey: 'sk-admin-2',
          baseUrl: 'http://localhost:8080/v1',
        },
      ]),
    ).toEqual([
      { id: 'a', adminKey: 'sk-admin-1' },
      {
        id: 'b.2_x-y',
        adminKey: 'sk-admin-2',
        baseUrl: 'http://localhost:8080/v1',
      },
    ]);
    expect(readOpenAiSourceConfigs(new ConfigReader({}))).toEqual([]);
  });

  it.each([
    [
      { id: 'x', adminKey: 'k' },
      'aiCost.providers.openai must be a list of sources, got an object',
    ],
    [
      ['oops'],
      'aiCost.providers.openai[0] must be an object with id and adminKey, got a string',
    ],
    [[{ adminKey: 'sk-admin-1' }], 'aiCost.providers.openai[0].id is required'],
    [
      [
        { id: 'ok', adminKey: 'sk-admin-1' },
        { id: '', adminKey: 'sk-admin-2' },
      ],
      'aiCost.providers.openai[1].id is required',
    ],
    [
      [{ id: 'has space', adminKey: 'sk-admin-1' }],
      'aiCost.providers.openai[0].id must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got "has space"',
    ],
    [
      [{ id: 42, adminKey: 'sk-admin-1' }],
      'aiCost.providers.openai[0].id must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got 42',
    ],
    [
      [
        { id: 'a', adminKey: 'sk-admin-1' },
        { id: 'b', adminKey: 'sk-admin-2' },
        { id: 'a', adminKey: 'sk-admin-3' },
      ],
      'aiCost.providers.openai[2].id "a" is already used by aiCost.providers.openai[0]; source ids must be unique',
    ],
    [[{ id: 'a' }], 'aiCost.providers.openai[0].adminKey is required'],
    [
      [{ id: 'a', adminKey: ' sk-admin-secret-value ' }],
      'aiCost.providers.openai[0].adminKey must be a string without surrounding whitespace',
    ],
    [
      [{ id: 'a', adminKey: 'sk-admin-1', baseUrl: 'api.openai.com/v1' }],
      'aiCost.providers.openai[0].baseUrl must be an http(s) URL, got "api.openai.com/v1"',
    ],
    [
      [{ id: 'a', adminKey: 'sk-admin-1', baseUrl: 'ftp://example.com' }],
      'aiCost.providers.openai[0].baseUrl must be an http(s) URL, got "ftp://example.com"',
    ],
  ])('rejects %j with a clear message', (openai, message) => {
    expect(() => read(openai)).toThrow(new Error(message));
  });

  it('never puts the admin key in a message', () => {
    expect(() =>
      read([{ id: 'a', adminKey: ' sk-admin-secret-value ' }]),
    ).toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining('sk-admin-secret-value'),
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

  it('rejects a code that is not three letters', () => {
    expect(() =>
      readCurrency(new ConfigReader({ aiCost: { currency: 'dollars' } })),
    ).toThrow(
      new Error(
        'aiCost.currency must be a three-letter ISO 4217 code, got "dollars"',
      ),
    );
  });
});
