import type { Config } from '@backstage/config';

/** One entry of `aiCost.providers.openai`. @public */
export interface OpenAiSourceConfig {
  id: string;
  adminKey: string;
  baseUrl?: string;
}

const CONFIG_KEY = 'aiCost.providers.openai';
const SOURCE_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Reads and validates `aiCost.providers.openai`. Every error names the exact
 * key, e.g. `aiCost.providers.openai[1].id`; the admin key itself is never
 * part of a message.
 * @public
 */
export function readOpenAiSourceConfigs(config: Config): OpenAiSourceConfig[] {
  const raw: unknown = config.getOptional(CONFIG_KEY);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new Error(
      `${CONFIG_KEY} must be a list of sources, got ${typeName(raw)}`,
    );
  }
  const firstIndexOfId = new Map<string, number>();
  return raw.map((entry: unknown, index) => {
    const at = `${CONFIG_KEY}[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      throw new Error(
        `${at} must be an object with id and adminKey, got ${typeName(entry)}`,
      );
    }
    const { id, adminKey, baseUrl } = entry as Record<string, unknown>;

    if (id === undefined || id === null || id === '') {
      throw new Error(`${at}.id is required`);
    }
    if (typeof id !== 'string' || !SOURCE_ID.test(id)) {
      throw new Error(
        `${at}.id must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got ${JSON.stringify(
          id,
        )}`,
      );
    }
    const previous = firstIndexOfId.get(id);
    if (previous !== undefined) {
      throw new Error(
        `${at}.id "${id}" is already used by ${CONFIG_KEY}[${previous}]; source ids must be unique`,
      );
    }
    firstIndexOfId.set(id, index);

    if (adminKey === undefined || adminKey === null || adminKey === '') {
      throw new Error(`${at}.adminKey is required`);
    }
    if (typeof adminKey !== 'string' || adminKey.trim() !== adminKey) {
      throw new Error(
        `${at}.adminKey must be a string without surrounding whitespace`,
      );
    }

    if (baseUrl !== undefined && baseUrl !== null) {
      let url: URL | undefined;
      try {
        url = typeof baseUrl === 'string' ? new URL(baseUrl) : undefined;
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
        throw new Error(
          `${at}.baseUrl must be an http(s) URL, got ${JSON.stringify(
            baseUrl,
          )}`,
        );
      }
      return { id, adminKey, baseUrl: baseUrl as string };
    }
    return { id, adminKey };
  });
}

/**
 * Reads `aiCost.currency` (default `USD`) as an upper-case ISO 4217 code.
 * @public
 */
export function readCurrency(config: Config): string {
  const currency = config.getOptionalString('aiCost.currency') ?? 'USD';
  if (!/^[A-Za-z]{3}$/.test(currency)) {
    throw new Error(
      `aiCost.currency must be a three-letter ISO 4217 code, got ${JSON.stringify(
        currency,
      )}`,
    );
  }
  return currency.toUpperCase();
}
