import {
  classifyTokens,
  FocusColumns,
  FocusFileError,
  mapFocusRow,
  tokenUnitMultiplier,
} from './focus';
import { focusProviderKind } from './providers';

const HEADER = [
  'BillingAccountId',
  'BilledCost',
  'BillingCurrency',
  'ChargeCategory',
  'ChargeDescription',
  'ChargePeriodStart',
  'ConsumedQuantity',
  'ConsumedUnit',
  'EffectiveCost',
  'ListCost',
  'ProviderName',
  'ResourceId',
  'RegionId',
  'ServiceName',
  'SkuId',
  'SubAccountId',
  'Tags',
  'x_Model',
];

const columns = FocusColumns.fromHeader({ line: 1, fields: HEADER });

function row(values: Record<string, string>, line = 2) {
  return {
    line,
    fields: HEADER.map(name => values[name] ?? ''),
  };
}

const bedrockInput = {
  BillingAccountId: '999988887777',
  BilledCost: '1.234567',
  BillingCurrency: 'USD',
  ChargeCategory: 'Usage',
  ChargeDescription: 'Claude 3.5 Sonnet input tokens',
  ChargePeriodStart: '2026-10-05T00:00:00Z',
  ConsumedQuantity: '411.5',
  ConsumedUnit: '1K Tokens',
  EffectiveCost: '1.2',
  ListCost: '1.3',
  ProviderName: 'AWS',
  RegionId: 'us-east-1',
  ServiceName: 'Amazon Bedrock',
  SkuId: 'SKU123',
  SubAccountId: '111122223333',
  Tags: '{"team":"search","cost-center":42,"flag":true}',
  x_Model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
};

describe('mapFocusRow', () => {
  it('maps a usage row: day, billed money, account, tags, tokens, model', () => {
    expect(
      mapFocusRow(row(bedrockInput), columns, { currency: 'USD' }),
    ).toEqual({
      ok: true,
      warnings: [],
      row: {
        line: 2,
        date: '2026-10-05',
        provider: 'aws',
        providerName: 'AWS',
        serviceName: 'Amazon Bedrock',
        chargeCategory: 'Usage',
        accountId: '111122223333',
        projectId: null,
        resourceId: null,
        region: 'us-east-1',
        tags: { team: 'search', 'cost-center': '42', flag: 'true' },
        model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
        lineItem: 'Amazon Bedrock / Claude 3.5 Sonnet input tokens',
        inputTokens: 411_500,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        outputTokens: 0,
        reasoningTokens: 0,
        requests: 0,
        billedCost: 1_234_567,
        effectiveCost: 1_200_000,
        listCost: 1_300_000,
        currency: 'USD',
      },
    });
  });

  it('keeps a credit negative under its own line item', () => {
    const result = mapFocusRow(
      row({
        BilledCost: '-5.00',
        BillingCurrency: 'USD',
        ChargeCategory: 'credit',
        ChargeDescription: 'Promotional credit',
        ChargePeriodStart: '2026-10-31',
        ProviderName: 'Mistral',
        ServiceName: 'La Plateforme',
      }),
      columns,
      { currency: 'USD' },
    );
    expect(result).toMatchObject({
      ok: true,
      row: {
        provider: 'focus',
        chargeCategory: 'Credit',
        billedCost: -5_000_000,
        effectiveCost: null,
        listCost: null,
        lineItem: 'Credit: Mistral / La Plateforme / Promotional credit',
        accountId: null,
      },
    });
  });

  it('puts a Google Cloud project in projectId and its billing account in accountId', () => {
    const result = mapFocusRow(
      row({
        ...bedrockInput,
        ProviderName: 'Google Cloud',
        SubAccountId: 'search-prod',
        BillingAccountId: '01ABCD-23EF45',
      }),
      columns,
      { currency: 'USD' },
    );
    expect(result).toMatchObject({
      ok: true,
      row: {
        provider: 'gcp',
        projectId: 'search-prod',
        accountId: '01ABCD-23EF45',
      },
    });
  });

  it('keeps the billed currency of a row in another currency, for conversion when stored', () => {
    const result = mapFocusRow(
      row({ ...bedrockInput, BillingCurrency: 'eur', BilledCost: '-2.5' }, 3),
      columns,
      { currency: 'USD' },
    );
    expect(result).toMatchObject({
      ok: true,
      row: { currency: 'EUR', billedCost: -2_500_000 },
    });
  });

  it('reports every invalid value with its line and column', () => {
    const result = mapFocusRow(
      row(
        {
          BilledCost: 'abc',
          BillingCurrency: 'Euro',
          ChargeCategory: 'Refund',
          ChargePeriodStart: '31/10/2026',
          ConsumedQuantity: 'lots',
          ListCost: '1,5',
          Tags: '{"a":',
        },
        17,
      ),
      columns,
      { currency: 'USD' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 17: ChargePeriodStart "31/10/2026" is not an ISO 8601 date-time',
        'line 17: BilledCost "abc" is not a decimal number',
        'line 17: ListCost "1,5" is not a decimal number',
        'line 17: BillingCurrency "Euro" is not an ISO 4217 currency code',
        'line 17: ChargeCategory "Refund" is not one of Usage, Purchase, Tax, Credit, Adjustment',
        'line 17: Tags is not valid JSON',
        'line 17: ConsumedQuantity "lots" is not a decimal number',
      ],
    });
  });

  it('refuses a charge period outside the days the API speaks of', () => {
    const result = mapFocusRow(
      row(
        {
          BilledCost: '1.25',
          BillingCurrency: 'USD',
          ChargePeriodStart: '9999-12-31T00:00:00Z',
        },
        5,
      ),
      columns,
      { currency: 'USD' },
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        'line 5: ChargePeriodStart "9999-12-31T00:00:00Z" is outside 1970-01-01 to 2999-12-31',
      ],
    });
  });

  it('requires the mandatory values and the right number of fields', () => {
    expect(
      mapFocusRow(row({ BillingCurrency: 'USD' }, 3), columns, {
        currency: 'USD',
      }),
    ).toEqual({
      ok: false,
      errors: [
        'line 3: ChargePeriodStart is required',
        'line 3: BilledCost is required',
      ],
    });
    expect(
      mapFocusRow({ line: 4, fields: ['1', '2'] }, columns, {
        currency: 'USD',
      }),
    ).toEqual({
      ok: false,
      errors: ['line 4: expected 18 fields like the header, found 2'],
    });
  });

  it('warns about token quantities of an unknown kind instead of guessing', () => {
    const result = mapFocusRow(
      row({
        ...bedrockInput,
        ChargeDescription: 'Claude 3.5 Sonnet tokens',
        SkuId: 'SKU9',
      }),
      columns,
      { currency: 'USD' },
    );
    expect(result).toMatchObject({
      ok: true,
      row: { inputTokens: 0, outputTokens: 0 },
      warnings: [
        'line 2: ConsumedQuantity 411.5 1K Tokens is not counted as tokens: SkuMeter, ChargeDescription and SkuId do not say whether they are input, output or cache tokens (add x_TokenType)',
      ],
    });
  });
});

describe('FocusColumns', () => {
  it('matches column names case-insensitively and names missing mandatory ones', () => {
    const lower = FocusColumns.fromHeader({
      line: 1,
      fields: ['billedcost', 'chargeperiodstart', 'billingcurrency'],
    });
    expect(lower.get(['1.5', '2026-11-01', 'USD'], 'BilledCost')).toBe('1.5');
    expect(() =>
      FocusColumns.fromHeader({ line: 1, fields: ['BilledCost', 'Tags'] }),
    ).toThrow(
      new FocusFileError(
        'line 1: the header lacks the FOCUS column(s) ChargePeriodStart, BillingCurrency; found "BilledCost", "Tags"',
      ),
    );
  });
});

describe('token units and kinds', () => {
  it.each([
    ['Tokens', 1],
    ['token', 1],
    ['1000 Tokens', 1000],
    ['1K Tokens', 1000],
    ['1M tokens', 1_000_000],
    ['1000000 Tokens', 1_000_000],
    ['Requests', undefined],
    ['GB-Hours', undefined],
  ])('%s counts %p tokens per unit', (unit, multiplier) => {
    expect(tokenUnitMultiplier(unit)).toBe(multiplier);
  });

  it.each([
    ['gpt-4o cached input tokens', 'cachedInputTokens'],
    ['Cache Write Input Token Count', 'cacheWriteTokens'],
    ['cache_creation', 'cacheWriteTokens'],
    ['output tokens', 'outputTokens'],
    ['gpt-4o-0513 Inp glbl Tokens prompt', 'inputTokens'],
    ['Input', 'inputTokens'],
  ])('%s is %s', (text, field) => {
    expect(classifyTokens(text)?.field).toBe(field);
  });

  it('recognises the providers existing annotations claim', () => {
    expect(focusProviderKind('Amazon Web Services')).toBe('aws');
    expect(focusProviderKind('AWS')).toBe('aws');
    expect(focusProviderKind('Microsoft')).toBe('azure');
    expect(focusProviderKind('Google Cloud')).toBe('gcp');
    expect(focusProviderKind('OpenAI')).toBe('openai');
    expect(focusProviderKind('Anthropic')).toBe('anthropic');
    expect(focusProviderKind('Awesome AI')).toBe('focus');
    expect(focusProviderKind(null)).toBe('focus');
  });
});

describe('FOCUS NULL cells', () => {
  it('reads an unquoted NULL as empty, never as a value', () => {
    const header = FocusColumns.fromHeader({
      line: 1,
      fields: [
        'ChargePeriodStart',
        'BilledCost',
        'BillingCurrency',
        'Tags',
        'ResourceId',
        'ConsumedQuantity',
      ],
    });
    const result = mapFocusRow(
      {
        line: 2,
        fields: ['2026-11-01 00:00:00', '1.5', 'USD', 'NULL', 'NULL', 'null'],
      },
      header,
      { currency: 'USD' },
    );
    expect(result).toMatchObject({
      ok: true,
      row: { tags: null, resourceId: null, billedCost: 1_500_000 },
    });
  });
});
