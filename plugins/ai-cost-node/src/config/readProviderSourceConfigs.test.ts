import { ConfigReader } from '@backstage/config';
import {
  ProviderConfigError,
  readCurrency,
  readProviderSourceConfigs,
  type ProviderConfigIssue,
} from './readProviderSourceConfigs';

const SECRET = 'canary-secret-value-0123456789';

const FIELDS = {
  region: {
    type: 'string',
    required: true,
    pattern: /^[a-z]{2}(-[a-z]+)+-\d$/,
    expected: 'an AWS region such as us-east-1',
  },
  metric: { type: 'string', oneOf: ['UnblendedCost', 'AmortizedCost'] },
  clientSecret: { type: 'secret' },
  baseUrl: { type: 'url' },
  services: { type: 'stringList' },
  includeMarketplace: { type: 'boolean' },
  tokensPerUnit: { type: 'integer', min: 1, max: 1_000_000 },
} as const;

const read = (aws: unknown, options = {}) =>
  readProviderSourceConfigs(
    new ConfigReader({ aiCost: { providers: { aws } } } as any),
    'aws',
    FIELDS,
    options,
  );

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

describe('readProviderSourceConfigs', () => {
  it('returns nothing when the list is not configured', () => {
    expect(
      readProviderSourceConfigs(new ConfigReader({}), 'aws', FIELDS),
    ).toEqual([]);
  });

  it('reads every field with its type, leaving unset optional fields out', () => {
    const sources = read([
      { id: 'aws-main', region: 'us-east-1' },
      {
        id: 'aws.lab_2-x',
        region: 'eu-central-1',
        metric: 'AmortizedCost',
        clientSecret: SECRET,
        baseUrl: 'http://localhost:4566',
        services: ['Amazon Bedrock', 'Claude 3 Haiku (Amazon Bedrock Edition)'],
        includeMarketplace: false,
        tokensPerUnit: 1000,
      },
    ]);
    expect(sources).toEqual([
      { id: 'aws-main', region: 'us-east-1' },
      {
        id: 'aws.lab_2-x',
        region: 'eu-central-1',
        metric: 'AmortizedCost',
        clientSecret: SECRET,
        baseUrl: 'http://localhost:4566',
        services: ['Amazon Bedrock', 'Claude 3 Haiku (Amazon Bedrock Edition)'],
        includeMarketplace: false,
        tokensPerUnit: 1000,
      },
    ]);
    // Typed: required fields are strings, optional ones may be undefined.
    const region: string = sources[0].region;
    const metric: string | undefined = sources[0].metric;
    expect([region, metric]).toEqual(['us-east-1', undefined]);
  });

  it.each([
    [
      { id: 'a' },
      'aiCost.providers.aws must be a list of sources, got an object',
    ],
    ['x', 'aiCost.providers.aws must be a list of sources, got a string'],
    [
      [42],
      'aiCost.providers.aws[0] must be an object with id and region, got a number',
    ],
    [
      [{ id: 'a', region: 'us-east-1' }, { region: 'us-east-1' }],
      'aiCost.providers.aws[1].id is required',
    ],
    [
      [{ id: 'a', region: 'us-east-1' }, { id: 'b' }],
      'aiCost.providers.aws[1].region is required',
    ],
    [[{ id: 'a', region: '' }], 'aiCost.providers.aws[0].region is required'],
    [
      [{ id: '-a', region: 'us-east-1' }],
      'aiCost.providers.aws[0].id must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got "-a"',
    ],
    [
      [{ id: ['a'], region: 'us-east-1' }],
      'aiCost.providers.aws[0].id must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got ["a"]',
    ],
    [
      [
        { id: 'a', region: 'us-east-1' },
        { id: 'b', region: 'us-east-1' },
        { id: 'b', region: 'us-east-1' },
      ],
      'aiCost.providers.aws[2].id "b" is already used by aiCost.providers.aws[1]; source ids must be unique',
    ],
    [
      [{ id: 'a', region: 'US East' }],
      'aiCost.providers.aws[0].region must be an AWS region such as us-east-1, got "US East"',
    ],
    [
      [{ id: 'a', region: ' us-east-1' }],
      'aiCost.providers.aws[0].region must be an AWS region such as us-east-1, got " us-east-1"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', metric: 'BlendedCost' }],
      'aiCost.providers.aws[0].metric must be one of "UnblendedCost", "AmortizedCost", got "BlendedCost"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', baseUrl: 'ce.amazonaws.com' }],
      'aiCost.providers.aws[0].baseUrl must be an http(s) URL, got "ce.amazonaws.com"',
    ],
    [
      [
        {
          id: 'a',
          region: 'us-east-1',
          baseUrl: 'https://proxy:s3cret@ce.example.com/',
        },
      ],
      'aiCost.providers.aws[0].baseUrl must be an http(s) URL without credentials (user:password@), got "https://***@ce.example.com/"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', services: 'Amazon Bedrock' }],
      'aiCost.providers.aws[0].services must be a list of non-empty strings without surrounding whitespace, got "Amazon Bedrock"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', services: ['ok', ''] }],
      'aiCost.providers.aws[0].services[1] must be a non-empty string without surrounding whitespace, got ""',
    ],
    [
      [{ id: 'a', region: 'us-east-1', includeMarketplace: 'yes' }],
      'aiCost.providers.aws[0].includeMarketplace must be true or false, got "yes"',
    ],
    [
      [{ id: 'a', region: 'us-east-1', tokensPerUnit: 1.5 }],
      'aiCost.providers.aws[0].tokensPerUnit must be an integer from 1 to 1000000, got 1.5',
    ],
    [
      [{ id: 'a', region: 'us-east-1', tokensPerUnit: 0 }],
      'aiCost.providers.aws[0].tokensPerUnit must be an integer from 1 to 1000000, got 0',
    ],
    [
      [{ id: 'a', region: 'us-east-1', tagkey: 'team' }],
      'aiCost.providers.aws[0].tagkey is not a known setting; known settings are id, region, metric, clientSecret, baseUrl, services, includeMarketplace and tokensPerUnit',
    ],
  ])('rejects %j with the exact key', (aws, message) => {
    expect(messageOf(() => read(aws))).toBe(message);
  });

  it('throws a ProviderConfigError carrying the issue', () => {
    let error: unknown;
    try {
      read([{ id: 'a' }]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProviderConfigError);
    expect((error as ProviderConfigError).issue).toEqual({
      kind: 'required',
      key: 'aiCost.providers.aws[0].region',
      field: 'region',
    });
  });

  it.each([
    ['a number', 12],
    ['surrounding whitespace', ` ${SECRET} `],
    ['a trailing newline', `${SECRET}\n`],
  ])('never prints a secret that is %s', (_, clientSecret) => {
    let error: ProviderConfigError | undefined;
    try {
      read([{ id: 'a', region: 'us-east-1', clientSecret }]);
    } catch (e) {
      error = e as ProviderConfigError;
    }
    expect(error?.message).toBe(
      'aiCost.providers.aws[0].clientSecret must be a string without surrounding whitespace',
    );
    expect(error?.message).not.toContain('canary');
    expect(JSON.stringify(error?.issue)).not.toContain('canary');
    expect(error?.issue).not.toHaveProperty('value');
  });

  it('trims instead of rejecting when asked to', () => {
    expect(
      read(
        [{ id: ' a ', region: ' us-east-1 ', clientSecret: ` ${SECRET}\n` }],
        { whitespace: 'trim' },
      ),
    ).toEqual([{ id: 'a', region: 'us-east-1', clientSecret: SECRET }]);
    expect(
      messageOf(() =>
        read([{ id: 'a', region: 'us-east-1', clientSecret: '  ' }], {
          whitespace: 'trim',
        }),
      ),
    ).toBe('aiCost.providers.aws[0].clientSecret must be a non-empty string');
  });

  it('ignores unknown keys when asked to', () => {
    expect(
      read([{ id: 'a', region: 'us-east-1', legacy: true }], {
        unknownKeys: 'ignore',
      }),
    ).toEqual([{ id: 'a', region: 'us-east-1' }]);
  });

  it('lets a module reword an issue and falls back to the default wording', () => {
    const seen: ProviderConfigIssue[] = [];
    const formatIssue = (issue: ProviderConfigIssue) => {
      seen.push(issue);
      return issue.kind === 'duplicate-id'
        ? `${issue.key} "${issue.id}" duplicates ${issue.firstEntryKey}.id`
        : undefined;
    };
    expect(
      messageOf(() =>
        read(
          [
            { id: 'a', region: 'us-east-1' },
            { id: 'a', region: 'us-east-1' },
          ],
          { formatIssue },
        ),
      ),
    ).toBe(
      'aiCost.providers.aws[1].id "a" duplicates aiCost.providers.aws[0].id',
    );
    expect(messageOf(() => read([{ id: 'a' }], { formatIssue }))).toBe(
      'aiCost.providers.aws[0].region is required',
    );
    expect(seen.map(i => i.kind)).toEqual(['duplicate-id', 'required']);
  });

  it('refuses a spec that declares id itself', () => {
    expect(() =>
      readProviderSourceConfigs(new ConfigReader({}), 'aws', {
        id: { type: 'string' },
      }),
    ).toThrow('"id" is always read');
  });
});

describe('readCurrency', () => {
  it('defaults to USD and upper-cases', () => {
    expect(readCurrency(new ConfigReader({}))).toBe('USD');
    expect(
      readCurrency(new ConfigReader({ aiCost: { currency: 'eur' } })),
    ).toBe('EUR');
  });

  it.each([
    ['dollars', '"dollars"'],
    [978, '978'],
  ])('rejects %j', (currency, shown) => {
    expect(() =>
      readCurrency(new ConfigReader({ aiCost: { currency } } as any)),
    ).toThrow(
      new Error(
        `aiCost.currency must be a three-letter ISO 4217 code, got ${shown}`,
      ),
    );
  });
});
