import type {
  AllocationSplitMethod,
  SplitRuleInput,
} from '@ai-cost/plugin-ai-cost-common';
import type { AllocationRuleBody } from '../../api';
import type { AllocationRuleView } from './ruleText';

/** `tags` stands for a provider tag `tags.<tagKey>`. */
export interface MatchRow {
  key: string;
  tagKey: string;
  value: string;
}

/** What the rule editor edits, as typed. */
export interface RuleForm {
  kind: 'virtualTag' | 'split';
  id: string;
  match: MatchRow[];
  tag: string;
  valueSource: 'value' | 'valueFrom';
  value: string;
  /** The provider tag after `tags.`. */
  valueFrom: string;
  method: AllocationSplitMethod;
  /** Entity refs, comma- or line-separated. */
  targets: string;
  /** `ref: weight` per line (or comma-separated). */
  shares: string;
  metric: string;
}

export const PROVIDER_TAG_KEY = 'tags';

export function emptyRuleForm(tags: string[]): RuleForm {
  return {
    kind: 'virtualTag',
    id: '',
    match: [{ key: 'provider', tagKey: '', value: '' }],
    tag: tags[0] ?? '',
    valueSource: 'value',
    value: '',
    valueFrom: '',
    method: 'even',
    targets: '',
    shares: '',
    metric: '',
  };
}

function toMatchRows(match: Record<string, string>): MatchRow[] {
  return Object.entries(match).map(([key, value]) =>
    key.startsWith('tags.')
      ? { key: PROVIDER_TAG_KEY, tagKey: key.slice(5), value }
      : { key, tagKey: '', value },
  );
}

/** The form of a listed rule, to edit it. */
export function ruleToForm(rule: AllocationRuleView, tags: string[]): RuleForm {
  const form = { ...emptyRuleForm(tags), id: rule.id };
  const match = toMatchRows(rule.match);
  if (rule.kind === 'virtualTag') {
    return {
      ...form,
      match,
      tag: rule.tag,
      valueSource: rule.valueFrom !== undefined ? 'valueFrom' : 'value',
      value: rule.value ?? '',
      valueFrom: rule.valueFrom?.replace(/^tags\./, '') ?? '',
    };
  }
  return {
    ...form,
    kind: 'split',
    match,
    method: rule.method,
    targets: (rule.targets ?? []).join('\n'),
    shares: Object.entries(rule.shares ?? {})
      .map(([ref, weight]) => `${ref}: ${weight}`)
      .join('\n'),
    metric: rule.metric ?? '',
  };
}

function items(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map(item => item.trim())
    .filter(Boolean);
}

/** `component:default/a: 70` → `['component:default/a', 70]`; the weight follows the last colon. */
function parseShares(
  text: string,
): { shares: Record<string, number> } | { error: string } {
  const shares: Record<string, number> = {};
  for (const line of items(text)) {
    const colon = line.lastIndexOf(':');
    const weight = colon < 0 ? NaN : Number(line.slice(colon + 1).trim());
    if (colon < 0 || line.slice(colon + 1).trim() === '' || isNaN(weight)) {
      return { error: `shares: "${line}" must be entityRef: weight` };
    }
    shares[line.slice(0, colon).trim()] = weight;
  }
  return { shares };
}

/**
 * The request body of a form, as `aiCost.allocation` writes a rule; rows
 * without a key or value are left out. Only shares are checked here: the
 * server validates the rest and names the bad field.
 */
export function formToBody(
  form: RuleForm,
): { body: AllocationRuleBody } | { error: string } {
  const match: Record<string, string> = {};
  for (const row of form.match) {
    const key =
      row.key === PROVIDER_TAG_KEY ? `tags.${row.tagKey.trim()}` : row.key;
    if (key === 'tags.' || !row.value.trim()) continue;
    match[key] = row.value.trim();
  }
  const id = form.id.trim();
  const common = { ...(id ? { id } : {}), match };
  if (form.kind === 'virtualTag') {
    return {
      body: {
        kind: 'virtualTag',
        ...common,
        tag: form.tag,
        ...(form.valueSource === 'value'
          ? { value: form.value.trim() }
          : { valueFrom: `tags.${form.valueFrom.trim()}` }),
      },
    };
  }
  let targets: Pick<SplitRuleInput, 'shares' | 'targets'>;
  if (form.method === 'fixed') {
    const parsed = parseShares(form.shares);
    if ('error' in parsed) return parsed;
    targets = { shares: parsed.shares };
  } else {
    targets = { targets: items(form.targets) };
  }
  return {
    body: {
      kind: 'split',
      ...common,
      method: form.method,
      ...targets,
      ...(form.method === 'metric' ? { metric: form.metric.trim() } : {}),
    },
  };
}

/** The form says what the rule does: worth a preview. */
export function hasEffect(form: RuleForm): boolean {
  if (form.kind === 'virtualTag') {
    const value = form.valueSource === 'value' ? form.value : form.valueFrom;
    return value.trim() !== '';
  }
  return (form.method === 'fixed' ? form.shares : form.targets).trim() !== '';
}
