import type { Config } from '@backstage/config';
import type { JsonValue } from '@backstage/types';
import { z } from 'zod';
import {
  allocationTagKeySchema,
  splitRuleInputSchema,
  virtualTagRuleInputSchema,
} from '@ai-cost/plugin-ai-cost-common';
import {
  AllocationRuleFieldError,
  toAllocationRule,
} from './parseAllocationRule';
import type { AllocationRule, AllocationSettings } from './types';

const KEY = 'aiCost.allocation';

const DEFAULT_TAG_KEYS = ['environment', 'feature', 'customer'];

const DEFAULT_NORMALIZE: AllocationSettings['normalize'] = {
  environment: {
    production: ['prod', 'prd', 'live'],
    staging: ['stg', 'stage'],
    development: ['dev'],
  },
};

const DEFAULT_COVERAGE_THRESHOLD = 0.8;

const spelling = z
  .string({ invalid_type_error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty');

const normalizeSchema = z.record(
  allocationTagKeySchema,
  z.record(
    spelling,
    z.array(spelling, { invalid_type_error: 'must be a list' }),
    {
      invalid_type_error: 'must be an object of canonical value: [synonyms]',
    },
  ),
  { invalid_type_error: 'must be an object of tag: { canonical: [synonyms] }' },
);

/** `a[0]["tags.x"].b` */
function pathOf(path: Array<string | number>): string {
  return path
    .map(part => {
      if (typeof part === 'number') return `[${part}]`;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part)}]`;
    })
    .join('');
}

/** Parses with a schema, throwing the first problem prefixed by its full key. */
function parseAt<T>(
  key: string,
  schema: z.ZodType<T, z.ZodTypeDef, unknown>,
  value: unknown,
): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${key}${pathOf(issue.path)} ${issue.message}`);
  }
  return parsed.data;
}

function readTagKeys(allocation: Config | undefined): string[] {
  const tagKeys =
    allocation?.getOptionalStringArray('tags') ?? DEFAULT_TAG_KEYS;
  tagKeys.forEach((tag, index) => {
    const key = `${KEY}.tags[${index}]`;
    parseAt(key, allocationTagKeySchema, tag);
    if (tagKeys.indexOf(tag) !== index) {
      throw new Error(`${key} ${JSON.stringify(tag)} is listed twice`);
    }
  });
  return tagKeys;
}

/** Defaults overridden per canonical value; no spelling may mean two values. */
function readNormalize(
  allocation: Config | undefined,
  tagKeys: string[],
): AllocationSettings['normalize'] {
  const configured = parseAt(
    `${KEY}.normalize`,
    normalizeSchema,
    allocation?.getOptional('normalize') ?? {},
  );
  const normalize: AllocationSettings['normalize'] = {};
  for (const tag of tagKeys) {
    if (DEFAULT_NORMALIZE[tag] || configured[tag]) {
      normalize[tag] = { ...DEFAULT_NORMALIZE[tag], ...configured[tag] };
    }
  }
  for (const tag of Object.keys(configured)) {
    if (!tagKeys.includes(tag)) {
      throw new Error(
        `${KEY}.normalize.${tag} is not one of the allocation tags (${tagKeys.join(
          ', ',
        )})`,
      );
    }
    const meaning = new Map<string, string>();
    for (const [canonical, synonyms] of Object.entries(normalize[tag])) {
      for (const word of [canonical, ...synonyms]) {
        const earlier = meaning.get(word.toLocaleLowerCase('en-US'));
        if (earlier !== undefined && earlier !== canonical) {
          throw new Error(
            `${KEY}.normalize.${tag}.${canonical} lists ${JSON.stringify(
              word,
            )}, already a spelling of ${JSON.stringify(earlier)}`,
          );
        }
        meaning.set(word.toLocaleLowerCase('en-US'), canonical);
      }
    }
  }
  return normalize;
}

function readList(allocation: Config | undefined, name: string): JsonValue[] {
  const value = allocation?.getOptional(name) ?? [];
  if (!Array.isArray(value)) {
    throw new Error(`${KEY}.${name} must be a list of rules`);
  }
  return value;
}

function readRules(
  allocation: Config | undefined,
  tagKeys: string[],
): AllocationRule[] {
  const rules: AllocationRule[] = [];
  const ruleAt = (key: string, build: () => AllocationRule) => {
    let rule: AllocationRule;
    try {
      rule = build();
    } catch (error) {
      if (error instanceof AllocationRuleFieldError) {
        throw new Error(`${key}.${error.field} ${error.problem}`);
      }
      throw error;
    }
    if (rules.some(r => r.id === rule.id)) {
      throw new Error(
        `${key}.id ${JSON.stringify(
          rule.id,
        )} is already the id of another rule`,
      );
    }
    rules.push(rule);
  };
  readList(allocation, 'virtualTags').forEach((value, index) => {
    const key = `${KEY}.virtualTags[${index}]`;
    const input = parseAt(key, virtualTagRuleInputSchema, value);
    ruleAt(key, () =>
      toAllocationRule(
        { ...input, kind: 'virtualTag' },
        input.id ?? `virtual-tag-${index}`,
        'config',
        tagKeys,
      ),
    );
  });
  readList(allocation, 'splitRules').forEach((value, index) => {
    const key = `${KEY}.splitRules[${index}]`;
    const input = parseAt(key, splitRuleInputSchema, value);
    if (input.id === undefined) {
      throw new Error(`${key}.id is required (e.g. shared-eval-key)`);
    }
    const id = input.id;
    ruleAt(key, () =>
      toAllocationRule({ ...input, kind: 'split' }, id, 'config', tagKeys),
    );
  });
  return rules;
}

function readCoverageThreshold(allocation: Config | undefined): number {
  const threshold =
    allocation?.getOptionalNumber('chargeback.coverageThreshold') ??
    DEFAULT_COVERAGE_THRESHOLD;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new Error(
      `${KEY}.chargeback.coverageThreshold must be a number greater than 0 and at most 1, got ${threshold}`,
    );
  }
  return threshold;
}

/**
 * Reads and validates `aiCost.allocation`; every bad value fails start-up
 * with its full key. Without config: tags environment, feature, customer;
 * the default environment spellings; no rules; coverage threshold 0.8.
 */
export function readAllocationSettings(config?: Config): AllocationSettings {
  const allocation = config?.getOptionalConfig(KEY);
  const tagKeys = readTagKeys(allocation);
  return {
    tagKeys,
    normalize: readNormalize(allocation, tagKeys),
    rules: readRules(allocation, tagKeys),
    coverageThreshold: readCoverageThreshold(allocation),
  };
}
