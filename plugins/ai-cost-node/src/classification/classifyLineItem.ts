import type { ClassificationRules } from './rules';

/** What a cloud bill says about one line item; null where it says nothing. @public */
export interface LineItemFacts {
  /** Who bills the line (FOCUS `ProviderName`), e.g. `OpenAI`. */
  providerName: string | null;
  /** FOCUS `ServiceCategory`, e.g. `AI and Machine Learning`. */
  serviceCategory: string | null;
  /** The service billed, e.g. `Amazon Bedrock`. */
  serviceName: string | null;
  /** A model column of the row (FOCUS `x_Model`, ...). */
  model: string | null;
  /** SKU id, meter, charge description, resource type, instance type: free text naming what was charged. */
  details: Array<string | null>;
  /** The unit its quantity is counted in (ConsumedUnit, PricingUnit). */
  units: Array<string | null>;
  /** The row's tags or labels. */
  tags: Record<string, string> | null;
}

/** Why a line item is AI spend. @public */
export type AiSpendReason =
  | 'provider'
  | 'service-category'
  | 'service-name'
  | 'model'
  | 'token-unit'
  | 'accelerator';

/** The verdict of {@link classifyLineItem}. @public */
export type LineItemClass = { ai: true; reason: AiSpendReason } | { ai: false };

function lower(text: string | null): string {
  return (text ?? '').trim().toLowerCase();
}

function containsWords(text: string, words: string): boolean {
  const needle = words.trim().toLowerCase();
  if (!needle) return false;
  let from = text.indexOf(needle);
  while (from >= 0) {
    const before = text[from - 1];
    const after = text[from + needle.length];
    const boundary = (c: string | undefined) => !c || !/[a-z0-9]/.test(c);
    if (boundary(before) && boundary(after)) return true;
    from = text.indexOf(needle, from + 1);
  }
  return false;
}

const TOKEN_UNIT = /\btokens?\b/i;

/**
 * Whether a text naming what was charged is GPU or accelerator compute by the
 * rules' `acceleratorPatterns`: an instance type such as `p4d.24xlarge`, a VM
 * size such as `Standard_NC6s_v3`, a SKU such as
 * "Nvidia Tesla A100 GPU running in Americas".
 *
 * @public
 */
export function isAcceleratorCompute(
  text: string | null | undefined,
  rules: ClassificationRules,
): boolean {
  return !!text && rules.acceleratorPatterns.some(p => p.test(text));
}

/**
 * Whether a cloud or FOCUS line item is AI spend, and by which rule: a
 * model vendor's bill, its service category or name, a model it names (column, tag, SKU or meter),
 * a quantity counted in tokens, or GPU / accelerator compute.
 *
 * @public
 */
export function classifyLineItem(
  item: LineItemFacts,
  rules: ClassificationRules,
): LineItemClass {
  const provider = lower(item.providerName);
  if (provider && rules.providerNames.some(n => containsWords(provider, n))) {
    return { ai: true, reason: 'provider' };
  }
  const category = lower(item.serviceCategory);
  if (category && rules.serviceCategories.some(c => lower(c) === category)) {
    return { ai: true, reason: 'service-category' };
  }
  const service = lower(item.serviceName);
  if (
    service &&
    rules.serviceNames.some(name => containsWords(service, name))
  ) {
    return { ai: true, reason: 'service-name' };
  }
  const details = item.details.filter((d): d is string => !!d);
  const tagKeys = new Set(rules.modelTagKeys.map(lower));
  const modelTag = Object.entries(item.tags ?? {}).some(
    ([key, value]) => tagKeys.has(lower(key)) && value.trim() !== '',
  );
  if (
    item.model ||
    modelTag ||
    details.some(text => rules.modelPatterns.some(p => p.test(text)))
  ) {
    return { ai: true, reason: 'model' };
  }
  if (item.units.some(unit => !!unit && TOKEN_UNIT.test(unit))) {
    return { ai: true, reason: 'token-unit' };
  }
  if (details.some(text => isAcceleratorCompute(text, rules))) {
    return { ai: true, reason: 'accelerator' };
  }
  return { ai: false };
}
