import type { TokenType } from '@ai-cost/plugin-ai-cost-common';

const providerLabels: Record<string, string> = {
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  aws: 'AWS',
  gcp: 'Google Cloud',
  azure: 'Azure',
  gateway: 'Gateway',
  focus: 'FOCUS import',
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
      return provider === 'anthropic' ? 'workspace' : 'project';
    case 'resourceId':
      return 'resource';
    case 'accountId':
      return provider === 'azure' ? 'subscription' : 'account';
    case 'tag':
      return provider === 'gcp' ? 'label' : 'tag';
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
export const groupByLabels: Record<
  'owner' | 'system' | 'domain' | 'provider' | 'model',
  { tab: string; noun: string; none: string }
> = {
  owner: { tab: 'Team', noun: 'team', none: 'No owner' },
  system: { tab: 'System', noun: 'system', none: 'Not part of a system' },
  domain: { tab: 'Domain', noun: 'domain', none: 'Not part of a domain' },
  provider: { tab: 'Provider', noun: 'provider', none: 'Unknown provider' },
  model: { tab: 'Model', noun: 'model', none: 'No model' },
};
