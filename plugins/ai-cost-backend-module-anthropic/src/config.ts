import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { AnthropicCostProviderOptions } from './AnthropicCostProvider';

const CONFIG_KEY = 'aiCost.providers.anthropic';
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function readNonEmptyString(
  config: Config,
  key: string,
  path: string,
  what: string,
): string | undefined {
  const value = config.getOptional(key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') {
    throw new Error(`${path} must be ${what}`);
  }
  return value.trim();
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
  if (!config.has(CONFIG_KEY)) return [];
  const raw = config.getOptional(CONFIG_KEY);
  if (!Array.isArray(raw)) {
    throw new Error(
      `${CONFIG_KEY} must be a list of sources, e.g. [{ id: anthropic-prod, adminKey: \${ANTHROPIC_ADMIN_KEY} }]`,
    );
  }
  const currency = (
    readNonEmptyString(
      config,
      'aiCost.currency',
      'aiCost.currency',
      'an ISO 4217 currency code such as USD',
    ) ?? 'USD'
  ).toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new Error(
      `aiCost.currency must be an ISO 4217 currency code such as USD`,
    );
  }

  const firstIndexOfId = new Map<string, number>();
  return config.getConfigArray(CONFIG_KEY).map((entry, index) => {
    const at = `${CONFIG_KEY}[${index}]`;
    const id = readNonEmptyString(
      entry,
      'id',
      `${at}.id`,
      'a non-empty source id such as "anthropic-prod"',
    );
    if (id === undefined) {
      throw new Error(
        `${at}.id is required: a source id such as "anthropic-prod"`,
      );
    }
    if (!SOURCE_ID.test(id)) {
      throw new Error(
        `${at}.id "${id}" may only contain letters, digits, ".", "_" and "-", and must start with a letter or digit`,
      );
    }
    const previous = firstIndexOfId.get(id);
    if (previous !== undefined) {
      throw new Error(
        `${at}.id "${id}" duplicates ${CONFIG_KEY}[${previous}].id; source ids must be unique`,
      );
    }
    firstIndexOfId.set(id, index);

    const adminKey = readNonEmptyString(
      entry,
      'adminKey',
      `${at}.adminKey`,
      'a non-empty Anthropic Admin API key (sk-ant-admin01-...)',
    );
    if (adminKey === undefined) {
      throw new Error(
        `${at}.adminKey is required: an Anthropic Admin API key (sk-ant-admin01-...)`,
      );
    }
    if (!adminKey.startsWith('sk-ant-admin')) {
      logger?.warn(
        `${at}.adminKey does not look like an Anthropic Admin API key (sk-ant-admin01-...); regular API keys cannot read usage and cost reports`,
      );
    }

    const baseUrl = readNonEmptyString(
      entry,
      'baseUrl',
      `${at}.baseUrl`,
      'an http(s) URL such as https://api.anthropic.com',
    );
    if (baseUrl !== undefined && !isHttpUrl(baseUrl)) {
      throw new Error(
        `${at}.baseUrl must be an http(s) URL such as https://api.anthropic.com, got "${baseUrl}"`,
      );
    }
    return { id, adminKey, currency, ...(baseUrl ? { baseUrl } : {}) };
  });
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
