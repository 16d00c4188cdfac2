import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ProviderConfigError,
  readCurrency,
  readProviderSourceConfigs,
  type ProviderConfigIssue,
} from '@ai-cost/plugin-ai-cost-node';
import type { AnthropicCostProviderOptions } from './AnthropicCostProvider';

const ID_HINT = 'source id such as "anthropic-prod"';
const KEY_HINT = 'Anthropic Admin API key (sk-ant-admin01-...)';
const BASE_URL_EXAMPLE = 'https://api.anthropic.com';

/** This module's established wording; the checks themselves are shared. */
function formatIssue(issue: ProviderConfigIssue): string | undefined {
  switch (issue.kind) {
    case 'not-a-list':
      return `${issue.key} must be a list of sources, e.g. [{ id: anthropic-prod, adminKey: \${ANTHROPIC_ADMIN_KEY} }]`;
    case 'required':
      if (issue.field === 'id') return `${issue.key} is required: a ${ID_HINT}`;
      if (issue.field === 'adminKey') {
        return `${issue.key} is required: an ${KEY_HINT}`;
      }
      return undefined;
    case 'invalid-id':
      return typeof issue.value === 'string' && issue.value !== ''
        ? `${issue.key} "${issue.value}" may only contain letters, digits, ".", "_" and "-", and must start with a letter or digit`
        : `${issue.key} must be a non-empty ${ID_HINT}`;
    case 'duplicate-id':
      return `${issue.key} "${issue.id}" duplicates ${issue.firstEntryKey}.id; source ids must be unique`;
    case 'invalid':
      if (issue.field === 'adminKey') {
        return `${issue.key} must be a non-empty ${KEY_HINT}`;
      }
      if (issue.field === 'baseUrl') {
        return typeof issue.value === 'string'
          ? `${issue.key} must be an http(s) URL such as ${BASE_URL_EXAMPLE}, got "${issue.value}"`
          : `${issue.key} must be an http(s) URL such as ${BASE_URL_EXAMPLE}`;
      }
      return undefined;
    default:
      return undefined;
  }
}

/**
 * Reads `aiCost.providers.anthropic` into provider options, one per entry.
 * Every error names the offending key, e.g. `aiCost.providers.anthropic[1].id`;
 * none ever contains an admin key.
 * @public
 */
export function readAnthropicProviderOptions(
  config: Config,
  logger?: LoggerService,
): AnthropicCostProviderOptions[] {
  const sources = readProviderSourceConfigs(
    config,
    'anthropic',
    {
      adminKey: { type: 'secret', required: true },
      baseUrl: { type: 'url' },
    },
    { whitespace: 'trim', unknownKeys: 'ignore', formatIssue },
  );
  if (sources.length === 0) return [];

  let currency: string;
  try {
    currency = readCurrency(config);
  } catch (error) {
    if (!(error instanceof ProviderConfigError)) throw error;
    throw new ProviderConfigError(
      error.issue,
      'aiCost.currency must be an ISO 4217 currency code such as USD',
    );
  }

  return sources.map((source, index) => {
    if (!source.adminKey.startsWith('sk-ant-admin')) {
      logger?.warn(
        `aiCost.providers.anthropic[${index}].adminKey does not look like an Anthropic Admin API key (sk-ant-admin01-...); regular API keys cannot read usage and cost reports`,
      );
    }
    return {
      id: source.id,
      adminKey: source.adminKey,
      currency,
      ...(source.baseUrl ? { baseUrl: source.baseUrl } : {}),
    };
  });
}
