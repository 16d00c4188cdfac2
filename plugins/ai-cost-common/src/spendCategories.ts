/**
 * The kinds of AI spend the org headline adds up (DESIGN §9.3): API bills
 * are only part of it.
 */

/** Every category, in the order the portal lists them. @public */
export const aiSpendCategories = [
  'model-api',
  'cloud-ai',
  'self-hosted',
  'subscription',
  'expense',
] as const;

/** @public */
export type AiSpendCategory = (typeof aiSpendCategories)[number];

/** What the portal calls each category. @public */
export const AI_SPEND_CATEGORY_LABELS: Record<AiSpendCategory, string> = {
  'model-api': 'Model APIs',
  'cloud-ai': 'Cloud AI services',
  'self-hosted': 'Self-hosted GPU',
  subscription: 'Subscriptions',
  expense: 'Expensed tools',
};

/** Provider kinds of the cloud platforms' own AI services. */
const CLOUD_PROVIDERS = new Set(['aws', 'gcp', 'azure']);

/** Whether a string is one of {@link aiSpendCategories}. @public */
export function isAiSpendCategory(value: string): value is AiSpendCategory {
  return (aiSpendCategories as readonly string[]).includes(value);
}

/**
 * The category of spend from a source of a provider kind, unless the source
 * states one: Kubernetes (OpenCost) is self-hosted GPU, `subscription` and
 * `expense` are themselves, the clouds' services are cloud AI, and
 * everything else is a model API. Gateway spend counts under the
 * provider of its model (`modelProvider`): a gateway in front of Bedrock is
 * cloud AI.
 * @public
 */
export function aiSpendCategoryOf(
  provider: string,
  modelProvider?: string | null,
): AiSpendCategory {
  if (provider === 'kubernetes') return 'self-hosted';
  if (provider === 'subscription') return 'subscription';
  if (provider === 'expense') return 'expense';
  if (CLOUD_PROVIDERS.has(modelProvider || provider)) return 'cloud-ai';
  return 'model-api';
}
