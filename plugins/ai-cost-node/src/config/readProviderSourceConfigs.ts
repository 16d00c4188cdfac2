import type { Config } from '@backstage/config';
import { CustomErrorBase } from '@backstage/errors';

/** Where every provider's source list lives: `aiCost.providers.<provider>`. @public */
export function providerConfigKey(provider: string): string {
  return `aiCost.providers.${provider}`;
}

/** Letters, digits, `.`, `_` and `-`, starting with a letter or digit. @public */
export const SOURCE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * One field of a provider source entry, besides `id` (which every entry has).
 *
 * - `string`: a non-empty string, optionally matching `pattern` or one of `oneOf`.
 * - `secret`: a non-empty string that is never printed in any message.
 * - `url`: an `http:` or `https:` URL.
 * - `stringList`: a list of non-empty strings (each matching `pattern`, if given).
 * - `boolean`, `integer` (optionally within `min`..`max`).
 *
 * `expected` describes a valid value for messages, e.g.
 * `an AWS region such as us-east-1` gives
 * `aiCost.providers.aws[0].region must be an AWS region such as us-east-1, got "x"`.
 * @public
 */
export type ProviderSourceFieldSpec =
  | {
      type: 'string';
      required?: boolean;
      pattern?: RegExp;
      oneOf?: readonly string[];
      expected?: string;
    }
  | { type: 'secret'; required?: boolean }
  | { type: 'url'; required?: boolean }
  | {
      type: 'stringList';
      required?: boolean;
      pattern?: RegExp;
      expected?: string;
    }
  | { type: 'boolean'; required?: boolean }
  | {
      type: 'integer';
      required?: boolean;
      min?: number;
      max?: number;
      expected?: string;
    };

/** The fields of a provider's source entries, by key. @public */
export type ProviderSourceFieldSpecs = Record<string, ProviderSourceFieldSpec>;

/** The value type a field spec yields: string, string[], boolean or number. @public */
export type ProviderSourceFieldValue<S extends ProviderSourceFieldSpec> =
  S extends {
    type: 'stringList';
  }
    ? string[]
    : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'integer' }
    ? number
    : string;

/** The keys of the fields marked `required: true`. @public */
export type ProviderSourceRequiredKeys<F extends ProviderSourceFieldSpecs> = {
  [K in keyof F]: F[K] extends { required: true } ? K : never;
}[keyof F];

/**
 * A validated source entry: `id` plus every field of the spec, required ones
 * always present, optional ones absent when not configured.
 * @public
 */
export type ProviderSourceConfig<F extends ProviderSourceFieldSpecs> = {
  id: string;
} & {
  [K in ProviderSourceRequiredKeys<F>]: ProviderSourceFieldValue<F[K]>;
} & {
  [K in Exclude<
    keyof F,
    ProviderSourceRequiredKeys<F>
  >]?: ProviderSourceFieldValue<F[K]>;
};

/**
 * What is wrong with a provider source list. `key` is always the full config
 * key, e.g. `aiCost.providers.aws[1].region`. Issues about secret fields never
 * carry the value.
 * @public
 */
export type ProviderConfigIssue =
  | { kind: 'not-a-list'; key: string; actual: string }
  | {
      kind: 'not-an-object';
      key: string;
      actual: string;
      /** `id` and the required fields, in spec order. */
      requiredFields: string[];
    }
  | { kind: 'required'; key: string; field: string }
  | { kind: 'invalid-id'; key: string; value: unknown }
  | {
      kind: 'duplicate-id';
      key: string;
      id: string;
      /** The entry that used the id first, e.g. `aiCost.providers.aws[0]`. */
      firstEntryKey: string;
    }
  | {
      kind: 'invalid';
      key: string;
      field: string;
      /** What a valid value looks like, e.g. `an http(s) URL`. */
      expected: string;
      /** The offending value; absent for secrets. */
      value?: unknown;
      secret: boolean;
    }
  | { kind: 'unknown-key'; key: string; field: string; known: string[] };

/**
 * A provider source list is misconfigured. The message names the exact key
 * and never contains a secret; `issue` has the details.
 * @public
 */
export class ProviderConfigError extends CustomErrorBase {
  name = 'ProviderConfigError' as const;
  constructor(readonly issue: ProviderConfigIssue, message: string) {
    super(message);
  }
}

/** @public */
export interface ReadProviderSourceOptions {
  /**
   * Strings with surrounding whitespace: `reject` (default; almost always a
   * copy-paste mistake in a key) or `trim`.
   */
  whitespace?: 'reject' | 'trim';
  /**
   * Keys an entry has that the spec does not know: `reject` (default, so a
   * typo such as `tagkey` is not silently ignored) or `ignore`.
   */
  unknownKeys?: 'reject' | 'ignore';
  /**
   * Rewords an issue, e.g. to keep a module's established messages; return
   * `undefined` for the default message. Never include secret values.
   */
  formatIssue?: (issue: ProviderConfigIssue) => string | undefined;
}

/** `an object`, `a list`, `a string`, `null`... for messages. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text;
}

function joinAnd(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** The default wording of every issue. @public */
export function describeProviderConfigIssue(
  issue: ProviderConfigIssue,
): string {
  switch (issue.kind) {
    case 'not-a-list':
      return `${issue.key} must be a list of sources, got ${issue.actual}`;
    case 'not-an-object':
      return `${issue.key} must be an object with ${joinAnd(
        issue.requiredFields,
      )}, got ${issue.actual}`;
    case 'required':
      return `${issue.key} is required`;
    case 'invalid-id':
      return `${
        issue.key
      } must be letters, digits, ".", "_" or "-" (starting with a letter or digit), got ${show(
        issue.value,
      )}`;
    case 'duplicate-id':
      return `${issue.key} "${issue.id}" is already used by ${issue.firstEntryKey}; source ids must be unique`;
    case 'invalid':
      return issue.secret || !('value' in issue)
        ? `${issue.key} must be ${issue.expected}`
        : `${issue.key} must be ${issue.expected}, got ${show(issue.value)}`;
    case 'unknown-key':
      return `${issue.key} is not a known setting; known settings are ${joinAnd(
        issue.known,
      )}`;
    default:
      return 'invalid provider configuration';
  }
}

const isMissing = (value: unknown) =>
  value === undefined || value === null || value === '';

/** A URL with any `user:password@` replaced, so it can be quoted in errors. */
function withoutUserInfo(value: unknown): unknown {
  return typeof value === 'string'
    ? value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#]*@/i, '$1***@')
    : value;
}

function hasUserInfo(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(value);
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * Reads and validates `aiCost.providers.<provider>`: a list of source
 * entries, each with a unique `id` (letters, digits, `.`, `_`, `-`) and the
 * given fields. Returns `[]` when the list is not configured.
 *
 * Throws a {@link ProviderConfigError} at the first problem, naming the exact
 * key, e.g. `aiCost.providers.aws[1].region is required`. Secret values never
 * appear in a message.
 *
 * @example
 * ```ts
 * const sources = readProviderSourceConfigs(config, 'azure', {
 *   scope: { type: 'string', required: true, pattern: SCOPE, expected: 'a scope such as /subscriptions/<id>' },
 *   clientSecret: { type: 'secret' },
 *   baseUrl: { type: 'url' },
 * });
 * ```
 * @public
 */
export function readProviderSourceConfigs<
  const F extends ProviderSourceFieldSpecs,
>(
  config: Config,
  provider: string,
  fields: F,
  options: ReadProviderSourceOptions = {},
): Array<ProviderSourceConfig<F>> {
  const listKey = providerConfigKey(provider);
  const trim = options.whitespace === 'trim';
  const fail = (issue: ProviderConfigIssue): never => {
    throw new ProviderConfigError(
      issue,
      options.formatIssue?.(issue) ?? describeProviderConfigIssue(issue),
    );
  };
  if ('id' in fields) {
    throw new Error(
      `readProviderSourceConfigs: "id" is always read; do not declare it`,
    );
  }

  const raw: unknown = config.getOptional(listKey);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    return fail({ kind: 'not-a-list', key: listKey, actual: typeName(raw) });
  }

  const fieldNames = Object.keys(fields);
  const requiredFields = [
    'id',
    ...fieldNames.filter(name => fields[name].required),
  ];
  const firstIndexOfId = new Map<string, number>();

  /** A string value after the whitespace policy, or undefined when unusable. */
  const cleanString = (value: unknown): string | undefined => {
    if (typeof value !== 'string') return undefined;
    if (trim) {
      const trimmed = value.trim();
      return trimmed === '' ? undefined : trimmed;
    }
    return value.trim() === value && value !== '' ? value : undefined;
  };

  return raw.map((entry: unknown, index) => {
    const at = `${listKey}[${index}]`;
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
      return fail({
        kind: 'not-an-object',
        key: at,
        actual: typeName(entry),
        requiredFields,
      });
    }
    const values = entry as Record<string, unknown>;

    // id: required, charset, unique
    if (isMissing(values.id)) {
      return fail({ kind: 'required', key: `${at}.id`, field: 'id' });
    }
    const rawId = values.id;
    const id =
      trim && typeof rawId === 'string' ? rawId.trim() : (rawId as unknown);
    if (typeof id !== 'string' || !SOURCE_ID_PATTERN.test(id)) {
      return fail({ kind: 'invalid-id', key: `${at}.id`, value: id });
    }
    const previous = firstIndexOfId.get(id);
    if (previous !== undefined) {
      return fail({
        kind: 'duplicate-id',
        key: `${at}.id`,
        id,
        firstEntryKey: `${listKey}[${previous}]`,
      });
    }
    firstIndexOfId.set(id, index);

    const result: Record<string, unknown> = { id };
    for (const name of fieldNames) {
      const spec = fields[name];
      const key = `${at}.${name}`;
      const value = values[name];
      if (isMissing(value)) {
        if (spec.required) fail({ kind: 'required', key, field: name });
        continue;
      }
      const invalid = (expected: string, shown: unknown = value): never =>
        fail(
          spec.type === 'secret'
            ? { kind: 'invalid', key, field: name, expected, secret: true }
            : {
                kind: 'invalid',
                key,
                field: name,
                expected,
                value: shown,
                secret: false,
              },
        );

      switch (spec.type) {
        case 'secret': {
          const text = cleanString(value);
          if (text === undefined) {
            invalid(
              trim
                ? 'a non-empty string'
                : 'a string without surrounding whitespace',
            );
          }
          result[name] = text;
          break;
        }
        case 'string': {
          const text = cleanString(value);
          const expected =
            spec.expected ??
            (spec.oneOf
              ? `one of ${spec.oneOf.map(v => JSON.stringify(v)).join(', ')}`
              : 'a non-empty string without surrounding whitespace');
          if (
            text === undefined ||
            (spec.pattern && !spec.pattern.test(text)) ||
            (spec.oneOf && !spec.oneOf.includes(text))
          ) {
            invalid(
              expected,
              trim && typeof value === 'string' ? value.trim() : value,
            );
          }
          result[name] = text;
          break;
        }
        case 'url': {
          const text = cleanString(value);
          const shown = withoutUserInfo(
            trim && typeof value === 'string' ? value.trim() : value,
          );
          if (text !== undefined && hasUserInfo(text)) {
            invalid(
              'an http(s) URL without credentials (user:password@)',
              shown,
            );
          } else if (text === undefined || !isHttpUrl(text)) {
            invalid('an http(s) URL', shown);
          }
          result[name] = text;
          break;
        }
        case 'stringList': {
          const expected =
            spec.expected ??
            'a list of non-empty strings without surrounding whitespace';
          if (!Array.isArray(value)) {
            invalid(expected);
            break;
          }
          result[name] = (value as unknown[]).map((item, i) => {
            const text = cleanString(item);
            if (
              text === undefined ||
              (spec.pattern && !spec.pattern.test(text))
            ) {
              fail({
                kind: 'invalid',
                key: `${key}[${i}]`,
                field: name,
                expected: spec.expected
                  ? `an item of ${spec.expected}`
                  : 'a non-empty string without surrounding whitespace',
                value: item,
                secret: false,
              });
            }
            return text;
          });
          break;
        }
        case 'boolean':
          if (typeof value !== 'boolean') invalid('true or false');
          result[name] = value;
          break;
        case 'integer': {
          let bounds = '';
          if (spec.min !== undefined && spec.max !== undefined) {
            bounds = ` from ${spec.min} to ${spec.max}`;
          } else if (spec.min !== undefined) {
            bounds = ` of at least ${spec.min}`;
          } else if (spec.max !== undefined) {
            bounds = ` of at most ${spec.max}`;
          }
          if (
            typeof value !== 'number' ||
            !Number.isSafeInteger(value) ||
            (spec.min !== undefined && value < spec.min) ||
            (spec.max !== undefined && value > spec.max)
          ) {
            invalid(spec.expected ?? `an integer${bounds}`);
          }
          result[name] = value;
          break;
        }
        default:
          break;
      }
    }

    if (options.unknownKeys !== 'ignore') {
      const known = ['id', ...fieldNames];
      for (const name of Object.keys(values)) {
        if (!known.includes(name)) {
          fail({
            kind: 'unknown-key',
            key: `${at}.${name}`,
            field: name,
            known,
          });
        }
      }
    }
    return result as ProviderSourceConfig<F>;
  });
}

/**
 * Reads `aiCost.currency` (default `USD`) as an upper-case ISO 4217 code.
 * @public
 */
export function readCurrency(config: Config): string {
  const value: unknown = config.getOptional('aiCost.currency');
  if (value === undefined) return 'USD';
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value)) {
    throw new ProviderConfigError(
      {
        kind: 'invalid',
        key: 'aiCost.currency',
        field: 'currency',
        expected: 'a three-letter ISO 4217 code',
        value,
        secret: false,
      },
      `aiCost.currency must be a three-letter ISO 4217 code, got ${show(
        value,
      )}`,
    );
  }
  return value.toUpperCase();
}
