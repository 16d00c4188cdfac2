import { parseUsageType, tokensFromQuantity } from './normalize';

describe('parseUsageType', () => {
  it.each([
    // First-party usage types name the model (AWS Bedrock CUR patterns).
    [
      'Amazon Bedrock',
      'USE1-Claude4.6Sonnet-input-tokens',
      'Claude4.6Sonnet',
      'input',
      'us-east-1',
      null,
    ],
    [
      'Amazon Bedrock',
      'USE1-Claude4.6Sonnet-output-tokens',
      'Claude4.6Sonnet',
      'output',
      'us-east-1',
      null,
    ],
    [
      'Amazon Bedrock',
      'EUC1-NovaPro-cache-read-input-token-count',
      'NovaPro',
      'cacheRead',
      'eu-central-1',
      null,
    ],
    [
      'Amazon Bedrock',
      'USW2-NovaPro-cache-write-input-token-count',
      'NovaPro',
      'cacheWrite',
      'us-west-2',
      null,
    ],
    [
      'Amazon Bedrock',
      'USE1-gpt-oss-120b-mantle-input-tokens-standard',
      'gpt-oss-120b',
      'input',
      'us-east-1',
      'standard',
    ],
    [
      'Amazon Bedrock',
      'APN1-AI21-Jamba-output-tokens-batch',
      'AI21-Jamba',
      'output',
      'ap-northeast-1',
      'batch',
    ],
    [
      'Amazon Bedrock',
      'EU-TitanEmbedG1-input-tokens',
      'TitanEmbedG1',
      'input',
      'eu-west-1',
      null,
    ],
    ['Amazon Bedrock', 'XYZ9-Model-input-tokens', 'Model', 'input', null, null],
    [
      'Amazon Bedrock',
      'USE1-ProvisionedThroughput-ModelUnits',
      null,
      null,
      'us-east-1',
      null,
    ],
    // Marketplace: "<Model> (Amazon Bedrock Edition)", the usage type does not name it.
    [
      'Claude 3 Haiku (Amazon Bedrock Edition)',
      'USW2-MP:USW2_InputTokenCount-Units',
      'Claude 3 Haiku',
      'input',
      'us-west-2',
      null,
    ],
    [
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'USW2-MP:USW2_output_tokens_standard-Units',
      'Claude 3.5 Sonnet',
      'output',
      'us-west-2',
      'standard',
    ],
    [
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'USE1-MP:USE1_CacheReadInputTokenCount-Units',
      'Claude 3.5 Sonnet',
      'cacheRead',
      'us-east-1',
      null,
    ],
    [
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'USE1-MP:USE1_CacheWriteInputTokenCount-Units',
      'Claude 3.5 Sonnet',
      'cacheWrite',
      'us-east-1',
      null,
    ],
    [
      'Claude 3.5 Sonnet (Amazon Bedrock Edition)',
      'USE1-MP:USE1_Subscription-Units',
      'Claude 3.5 Sonnet',
      null,
      'us-east-1',
      null,
    ],
  ])(
    '%s / %s → %s %s',
    (service, usageType, model, tokenType, region, tier) => {
      expect(parseUsageType(service, usageType)).toEqual({
        model,
        tokenType,
        region,
        serviceTier: tier,
      });
    },
  );
});

describe('tokensFromQuantity', () => {
  it.each([
    ['23.0', 1000, 23_000],
    ['14.27', 1000, 14_270],
    ['0.0005', 1000, 1], // 0.5 token rounds half up
    ['0.0004', 1000, 0],
    ['82.30452607', 1000, 82_305],
    ['1234', 1, 1234],
    ['9007199254.740991', 1000, 9_007_199_254_741],
    ['-3', 1000, 0],
    ['1E+1', 1000, 10_000],
  ])('%s × %d = %d', (quantity, perUnit, tokens) => {
    expect(tokensFromQuantity(quantity, perUnit)).toBe(tokens);
  });
});
