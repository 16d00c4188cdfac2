import type {
  RollupGroupBy,
  TagGroupBy,
  TokenType,
} from '@ai-cost/plugin-ai-cost-common';
import { formatInteger, humanizeKey } from './format';

const providerLabels: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  kubernetes: 'Kubernetes (OpenCost)',
  gateway: 'Gateway',
  focus: 'FOCUS import',
  expense: 'Expense reports',
  demo: 'Demo',
};

/** `openai` → `OpenAI`; unknown providers are shown as they are. */
export function providerLabel(provider: string): string {
  return providerLabels[provider] ?? provider;
}

/** What a provider calls the dimension, e.g. Anthropic's projects are workspaces. */
export function dimensionLabel(provider: string, dimension: string): string {
  switch (dimension) {
    case 'apiKeyId':
      return 'API key';
    case 'projectId':
      if (provider === 'kubernetes') return 'kubernetes-id label';
      return provider === 'anthropic' ? 'workspace' : 'project';
    case 'resourceId':
      return provider === 'kubernetes' ? 'workload' : 'resource';
    case 'accountId':
      if (provider === 'kubernetes') return 'namespace';
      return provider === 'azure' ? 'subscription' : 'account';
    case 'tag':
      return provider === 'gcp' ? 'label' : 'tag';
    case 'userId':
      return provider === 'expense' ? 'employee' : 'user';
    case 'none':
      return 'no claimable dimension';
    default:
      return dimension;
  }
}

export const tokenTypeLabels: Record<TokenType, string> = {
  input: 'Input (uncached)',
  cachedInput: 'Cached input',
  cacheWrite: 'Cache write',
  output: 'Output (incl. reasoning)',
};

/** `gpt-4o`, or a description when no model explains the spend. */
export function modelLabel(provider: string, model: string): string {
  return model || `${providerLabel(provider)} (no model)`;
}

/** How a rollup dimension is named in the UI. */
export type GroupByLabel = { tab: string; noun: string; none: string };

/** How the rollup dimensions other than allocation tags are named. */
const groupByLabels: Record<
  Exclude<RollupGroupBy, TagGroupBy>,
  GroupByLabel
> = {
  owner: { tab: 'Team', noun: 'team', none: 'No owner' },
  system: { tab: 'System', noun: 'system', none: 'Not part of a system' },
  domain: { tab: 'Domain', noun: 'domain', none: 'Not part of a domain' },
  provider: { tab: 'Provider', noun: 'provider', none: 'Unknown provider' },
  model: { tab: 'Model', noun: 'model', none: 'No model' },
  category: { tab: 'Category', noun: 'category', none: 'No category' },
};

/** `environment` → `Environment`, `cost-center` → `Cost center`. */
export function tagLabel(tag: string): string {
  return humanizeKey(tag);
}

/** `No environment`: spend without a value of the tag. */
export function noTagValueLabel(tag: string): string {
  return `No ${tagLabel(tag).toLocaleLowerCase('en-US')}`;
}

/** `12 other values`: the item folding the values past the top ones. */
export function otherValuesLabel(count: number): string {
  return `${formatInteger(count)} other value${count === 1 ? '' : 's'}`;
}

function isTagGroupBy(groupBy: RollupGroupBy): groupBy is TagGroupBy {
  return groupBy.startsWith('tag:');
}

/** The allocation tag of a `tag:<key>` grouping; undefined for the others. */
export function groupByTag(groupBy: RollupGroupBy): string | undefined {
  return isTagGroupBy(groupBy) ? groupBy.slice('tag:'.length) : undefined;
}

/** How a rollup dimension is named in the UI, allocation tags included. */
export function groupByLabel(groupBy: RollupGroupBy): GroupByLabel {
  if (!isTagGroupBy(groupBy)) return groupByLabels[groupBy];
  const tag = groupBy.slice('tag:'.length);
  const tab = tagLabel(tag);
  return {
    tab,
    noun: tab.toLocaleLowerCase('en-US'),
    none: noTagValueLabel(tag),
  };
}

const SPLIT_METHOD_LABELS: Record<string, string> = {
  even: 'Even',
  fixed: 'Fixed weights',
  proportional: 'Proportional to own spend',
  metric: 'By business metric',
  members: 'By group members',
};

/** How a split rule divides spend, in words. */
export function splitMethodLabel(method: string): string {
  return SPLIT_METHOD_LABELS[method] ?? method;
}
