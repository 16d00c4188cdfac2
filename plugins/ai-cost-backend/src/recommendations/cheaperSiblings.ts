/**
 * A curated map from premium models to a cheaper model of the same provider
 * and family that handles short, simple calls well. A candidate is only
 * recommended when the price data knows the cheaper model and it really is
 * cheaper for the same tokens (checked on every evaluation, and for every
 * entry against `@pydantic/genai-prices` in `cheaperSiblings.test.ts`).
 */
export interface SiblingRule {
  /** Provider kinds (ours) the rule applies to. */
  providers: string[];
  /** The premium model ids as billed, version and date suffixes included. */
  match: RegExp;
  /** The cheaper model to try. */
  cheaper: string;
  /** A model id the rule matches, for the price check in the tests. */
  example: string;
}

/** Optional `-YYYY-MM-DD` snapshot suffix of OpenAI model ids. */
const SNAPSHOT = String.raw`(-\d{4}-\d{2}-\d{2})?`;
/** Bedrock inference-profile prefixes. */
const BEDROCK = String.raw`^((global|regional|us|eu|apac)\.)?`;

export const CHEAPER_SIBLINGS: readonly SiblingRule[] = [
  // OpenAI (also served by Azure OpenAI, which genai-prices prices like OpenAI).
  {
    providers: ['openai', 'azure'],
    match: new RegExp(`^(gpt-4o|chatgpt-4o-latest)${SNAPSHOT}$`),
    cheaper: 'gpt-4o-mini',
    example: 'gpt-4o-2024-08-06',
  },
  {
    providers: ['openai', 'azure'],
    match: new RegExp(`^gpt-4\\.1${SNAPSHOT}$`),
    cheaper: 'gpt-4.1-mini',
    example: 'gpt-4.1-2025-04-14',
  },
  {
    providers: ['openai', 'azure'],
    match: /^gpt-4(-32k|-turbo.*|-\d{4})?$/,
    cheaper: 'gpt-4o-mini',
    example: 'gpt-4-turbo-2024-04-09',
  },
  {
    providers: ['openai', 'azure'],
    match: new RegExp(`^gpt-5\\.4${SNAPSHOT}$`),
    cheaper: 'gpt-5.4-mini',
    example: 'gpt-5.4',
  },
  {
    providers: ['openai', 'azure'],
    match: new RegExp(`^gpt-5(\\.[0-9])?${SNAPSHOT}$`),
    cheaper: 'gpt-5-mini',
    example: 'gpt-5-2025-08-07',
  },
  {
    providers: ['openai', 'azure'],
    match: new RegExp(`^(o1|o3)${SNAPSHOT}$`),
    cheaper: 'o4-mini',
    example: 'o3-2025-04-16',
  },
  // Anthropic: Opus → Sonnet of its generation, Sonnet → Haiku.
  {
    providers: ['anthropic'],
    match: /^claude-opus-5/,
    cheaper: 'claude-sonnet-5',
    example: 'claude-opus-5',
  },
  {
    providers: ['anthropic'],
    match: /^(claude-opus-4|claude-3-opus)/,
    cheaper: 'claude-sonnet-4-5',
    example: 'claude-opus-4-1-20250805',
  },
  {
    providers: ['anthropic'],
    match: /^(claude-sonnet-[45]|claude-3-[57]-sonnet)/,
    cheaper: 'claude-haiku-4-5',
    example: 'claude-sonnet-4-5-20250929',
  },
  // Anthropic models on AWS Bedrock, and Amazon Nova.
  {
    providers: ['aws'],
    match: new RegExp(`${BEDROCK}anthropic\\.claude-opus-4`),
    cheaper: 'anthropic.claude-sonnet-4-5-20250929-v1:0',
    example: 'anthropic.claude-opus-4-1-20250805-v1:0',
  },
  {
    providers: ['aws'],
    match: new RegExp(`${BEDROCK}anthropic\\.claude-sonnet-4`),
    cheaper: 'anthropic.claude-haiku-4-5-20251001-v1:0',
    example: 'us.anthropic.claude-sonnet-4-20250514-v1:0',
  },
  {
    providers: ['aws'],
    match: /^amazon\.nova-(pro|premier)/,
    cheaper: 'amazon.nova-lite-v1:0',
    example: 'amazon.nova-pro-v1:0',
  },
  // Google Gemini: Pro → Flash of its generation.
  {
    providers: ['gcp'],
    match: /^gemini-1\.5-pro/,
    cheaper: 'gemini-1.5-flash',
    example: 'gemini-1.5-pro-002',
  },
  {
    providers: ['gcp'],
    match: /^gemini-2\.5-pro/,
    cheaper: 'gemini-2.5-flash',
    example: 'gemini-2.5-pro',
  },
  {
    providers: ['gcp'],
    match: /^gemini-3(\.\d)?-pro/,
    cheaper: 'gemini-3-flash-preview',
    example: 'gemini-3-pro-preview',
  },
];

/** The cheaper sibling of a premium model, if the map has one. */
export function cheaperSiblingOf(
  provider: string,
  model: string,
): string | undefined {
  const id = model.toLocaleLowerCase('en-US');
  return CHEAPER_SIBLINGS.find(
    rule => rule.providers.includes(provider) && rule.match.test(id),
  )?.cheaper;
}
