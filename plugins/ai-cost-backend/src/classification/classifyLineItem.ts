import type { ClassificationRules } from './rules';

/** What a cloud bill says about one line item; null where it says nothing. */
export interface LineItemFacts {
  providerName: string | null;
  serviceCategory: string | null;
  serviceName: string | null;
  /** A model column of the row (FOCUS `x_Model`, ...). */
  model: string | null;
  /** SKU id, meter, charge description, resource type, instance type: free text naming what was charged. */
  details: Array<string | null>;
  /** The unit its quantity is counted in (ConsumedUnit, PricingUnit). */
  units: Array<string | null>;
  tags: Record<string, string> | null;
}

/** Why a line item is AI spend. */
export type AiSpendReason =
  | 'provider'
  | 'service-category'
  | 'service-name'
  | 'model'
  | 'token-unit'
  | 'accelerator';

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
 * Whether a cloud or FOCUS line item is AI spend, and by which rule: a
 * model vendor's bill, its service category or name, a model it names (column, tag, SKU or meter),
 * a quantity counted in tokens, or GPU / accelerator compute.
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
  if (details.some(text => rules.acceleratorPatterns.some(p => p.test(text)))) {
    return { ai: true, reason: 'accelerator' };
  }
  return { ai: false };
}
