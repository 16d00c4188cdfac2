import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { readAnthropicProviderOptions } from './config';

const KEY = 'sk-ant-admin01-config-test-secret';

const read = (aiCost: unknown) =>
  readAnthropicProviderOptions(new ConfigReader({ aiCost } as any));

describe('readAnthropicProviderOptions', () => {
  it('returns nothing when no Anthropic source is configured', () => {
    expect(readAnthropicProviderOptions(new ConfigReader({}))).toEqual([]);
    expect(read({ providers: {} })).toEqual([]);
  });

  it('reads every entry with the reporting currency', () => {
    expect(
      read({
        currency: 'usd',
        providers: {
          anthropic: [
            { id: 'anthropic-prod', adminKey: KEY },
            {
              id: 'anthropic-lab',
              adminKey: KEY,
              baseUrl: 'http://proxy.internal:8080',
            },
          ],
        },
      }),
    ).toEqual([
      { id: 'anthropic-prod', adminKey: KEY, currency: 'USD' },
      {
        id: 'anthropic-lab',
        adminKey: KEY,
        currency: 'USD',
        baseUrl: 'http://proxy.internal:8080',
      },
    ]);
  });

  it.each([
    [
      'a missing id',
      [{ id: 'a', adminKey: KEY }, { adminKey: KEY }],
      'aiCost.providers.anthropic[1].id is required: a source id such as "anthropic-prod"',
    ],
    [
      'an empty id',
      [{ id: ' ', adminKey: KEY }],
      'aiCost.providers.anthropic[0].id must be a non-empty source id such as "anthropic-prod"',
    ],
    [
      'an id with spaces',
      [{ id: 'my source', adminKey: KEY }],
      'aiCost.providers.anthropic[0].id "my source" may only contain letters, digits, ".", "_" and "-", and must start with a letter or digit',
    ],
    [
      'a duplicate id',
      [
        { id: 'a', adminKey: KEY },
        { id: 'b', adminKey: KEY },
        { id: 'a', adminKey: KEY },
      ],
      'aiCost.providers.anthropic[2].id "a" duplicates aiCost.providers.anthropic[0].id; source ids must be unique',
    ],
    [
      'a missing admin key',
      [{ id: 'a' }],
      'aiCost.providers.anthropic[0].adminKey is required: an Anthropic Admin API key (sk-ant-admin01-...)',
    ],
    [
      'an admin key that is not a string',
      [{ id: 'a', adminKey: 12 }],
      'aiCost.providers.anthropic[0].adminKey must be a non-empty Anthropic Admin API key (sk-ant-admin01-...)',
    ],
    [
      'a bad base URL',
      [{ id: 'a', adminKey: KEY, baseUrl: 'ftp://x' }],
      'aiCost.providers.anthropic[0].baseUrl must be an http(s) URL such as https://api.anthropic.com, got "ftp://x"',
    ],
  ])('rejects %s naming the key', (_, anthropic, message) => {
    let error: Error | undefined;
    try {
      read({ providers: { anthropic } });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(message);
    expect(error?.message).not.toContain(KEY);
  });

  it('rejects a list that is not a list', () => {
    expect(() =>
      read({ providers: { anthropic: { id: 'a', adminKey: KEY } } }),
    ).toThrow(/^aiCost\.providers\.anthropic must be a list of sources/);
  });

  it('rejects a bad reporting currency', () => {
    expect(() =>
      read({
        currency: 'dollars',
        providers: { anthropic: [{ id: 'a', adminKey: KEY }] },
      }),
    ).toThrow('aiCost.currency must be an ISO 4217 currency code such as USD');
  });

  it('warns, without the key, about a key that is not an admin key', () => {
    const logger = mockServices.logger.mock();
    readAnthropicProviderOptions(
      new ConfigReader({
        aiCost: {
          providers: {
            anthropic: [{ id: 'a', adminKey: 'sk-ant-api03-regular' }],
          },
        },
      }),
      logger,
    );
    expect(logger.warn).toHaveBeenCalledWith(
      'aiCost.providers.anthropic[0].adminKey does not look like an Anthropic Admin API key (sk-ant-admin01-...); regular API keys cannot read usage and cost reports',
    );
  });
});
