/**
 * Provider names as gateways report them (OpenTelemetry
 * `gen_ai.provider.name`, the deprecated `gen_ai.system` with its older
 * values, LiteLLM's `custom_llm_provider`) mapped to the provider kinds
 * prices are looked up under. Names not listed are priced under their own
 * name, which the pricing service reports as unpriced rather than free.
 */
const PRICING_PROVIDERS: Record<string, string> = {
  openai: 'openai',
  text_completion_openai: 'openai',
  'text-completion-openai': 'openai',
  anthropic: 'anthropic',
  'aws.bedrock': 'aws',
  bedrock: 'aws',
  bedrock_converse: 'aws',
  sagemaker: 'aws',
  'azure.ai.openai': 'azure',
  'azure.ai.inference': 'azure',
  'az.ai.openai': 'azure',
  'az.ai.inference': 'azure',
  az_ai_inference: 'azure',
  azure: 'azure',
  azure_ai: 'azure',
  azure_text: 'azure',
  'gcp.vertex_ai': 'gcp',
  'gcp.gemini': 'gcp',
  'gcp.gen_ai': 'gcp',
  vertex_ai: 'gcp',
  vertex_ai_beta: 'gcp',
  gemini: 'gcp',
  cohere: 'cohere',
  cohere_chat: 'cohere',
  'ibm.watsonx.ai': 'ibm',
  watsonx: 'ibm',
  watsonx_text: 'ibm',
  perplexity: 'perplexity',
  x_ai: 'xai',
  xai: 'xai',
  deepseek: 'deepseek',
  groq: 'groq',
  mistral_ai: 'mistral',
  mistral: 'mistral',
  moonshot_ai: 'moonshot',
  moonshot: 'moonshot',
};

/** The provider kinds gateway-reported names map to. */
export const PRICING_PROVIDER_KINDS: ReadonlySet<string> = new Set(
  Object.values(PRICING_PROVIDERS),
);

/** The pricing provider kind of a gateway-reported provider name. */
export function pricingProviderOf(upstream: string): string {
  const name = upstream.trim().toLowerCase();
  return PRICING_PROVIDERS[name] ?? name;
}

/**
 * Gateways often name models `provider/model` (LiteLLM: `openai/gpt-4o`,
 * `bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0`). Returns the model
 * id to price and the provider the prefix names, if it is a known one.
 */
export function splitModelPrefix(model: string): {
  model: string;
  provider?: string;
} {
  const slash = model.indexOf('/');
  if (slash <= 0) return { model };
  const prefix = model.slice(0, slash).toLowerCase();
  if (!(prefix in PRICING_PROVIDERS)) return { model };
  return { model: model.slice(slash + 1), provider: prefix };
}

/** FOCUS `ProviderName` values whose spend existing annotations can claim. */
const FOCUS_PROVIDER_PATTERNS: Array<[RegExp, string]> = [
  [/^(aws|amazon)\b/i, 'aws'],
  [/^(google|gcp)\b/i, 'gcp'],
  [/^(microsoft|azure)\b/i, 'azure'],
  [/^openai\b/i, 'openai'],
  [/^anthropic\b/i, 'anthropic'],
];

/**
 * The provider kind a FOCUS row is stored under: `aws`, `gcp`, `azure`,
 * `openai` or `anthropic` when `ProviderName` names one (so that e.g.
 * `ai-cost/aws-account-id` claims it), otherwise `focus`.
 */
export function focusProviderKind(providerName: string | null): string {
  if (!providerName) return 'focus';
  const match = FOCUS_PROVIDER_PATTERNS.find(([pattern]) =>
    pattern.test(providerName.trim()),
  );
  return match ? match[1] : 'focus';
}
