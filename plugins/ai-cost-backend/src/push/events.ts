import { createHash } from 'node:crypto';
import {
  dayOf,
  genAiUsageEventSchema,
  liteLlmSpendLogSchema,
  microsFromDecimalString,
  microsFromNumber,
  MoneyParseError,
  type PushEventFormat,
} from '@ai-cost/plugin-ai-cost-common';
import type { z } from 'zod';
import { splitModelPrefix } from './providers';
import { parseTimestamp } from './timestamps';

/**
 * One pushed usage event after validation, in the plugin's token semantics
 * (`inputTokens` is uncached input; see research/provider-apis.md §9), not
 * yet priced.
 */
export interface NormalizedPushEvent {
  eventId: string;
  /** sha256 of the event as sent (keys sorted): tells a re-send from a clash. */
  contentHash: string;
  format: PushEventFormat;
  /** ISO 8601 instant of the event. */
  occurredAt: string;
  /** Its UTC day. */
  date: string;
  /** The provider the gateway routed to, e.g. `openai`, `aws.bedrock`. */
  upstreamProvider: string | null;
  model: string | null;
  apiKeyId: string | null;
  userId: string | null;
  /** Free attributes that `ai-cost/gateway-tags` selectors match. */
  tags: Record<string, string> | null;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
  /** A cost the gateway reported, in micro-units of the reporting currency. */
  givenCost: number | null;
}

/** Why an event was not accepted: the field (`event` for the whole) and what is wrong. */
export interface EventProblem {
  field: string;
  message: string;
}

export type NormalizeResult =
  | { ok: true; event: NormalizedPushEvent }
  | { ok: false; problems: EventProblem[] };

export interface NormalizeOptions {
  /** The reporting currency; a cost in any other is rejected. */
  currency: string;
  now: Date;
  /** When set, only these attribute keys become tags. */
  tagKeys?: ReadonlySet<string>;
}

/** Tags per event, and the length of their keys and values. */
export const TAG_LIMITS = { count: 32, keyLength: 128, valueLength: 256 };
/** Events may be dated at most this far ahead (clock skew). */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

const ATTR = {
  provider: ['gen_ai.provider.name', 'gen_ai.system'],
  responseModel: 'gen_ai.response.model',
  requestModel: 'gen_ai.request.model',
  input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
  output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
  cacheRead: [
    'gen_ai.usage.cache_read.input_tokens',
    'gen_ai.usage.cache_read_input_tokens',
  ],
  cacheWrite: [
    'gen_ai.usage.cache_creation.input_tokens',
    'gen_ai.usage.cache_creation_input_tokens',
  ],
  reasoning: [
    'gen_ai.usage.reasoning.output_tokens',
    'gen_ai.usage.reasoning_tokens',
  ],
  user: ['user.id', 'enduser.id'],
};

/** Attribute keys that are dimensions rather than tags. */
const NON_TAG_ATTRIBUTES = new Set(ATTR.user);

/** `attributes.team`, `attributes["gen_ai.usage.input_tokens"]`, `[3]`. */
export function formatPath(path: Array<string | number>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || 'event';
}

function problem(path: Array<string | number>, message: string): EventProblem {
  return { field: formatPath(path), message };
}

function zodProblems(error: z.ZodError): EventProblem[] {
  return error.issues.map(issue => {
    if (issue.code === 'unrecognized_keys') {
      return problem(
        issue.path,
        `unknown field(s) ${issue.keys.map(k => JSON.stringify(k)).join(', ')}`,
      );
    }
    return problem(issue.path, issue.message);
  });
}

/** JSON with object keys sorted at every level, for content hashes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .filter(k => (value as Record<string, unknown>)[k] !== undefined)
      .map(
        k =>
          `${JSON.stringify(k)}:${canonicalJson(
            (value as Record<string, unknown>)[k],
          )}`,
      );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/**
 * Reads a token count: a non-negative integer, or a string of digits (OTLP
 * JSON encodes 64-bit integers as strings). Undefined when absent.
 */
function readCount(
  value: unknown,
  path: Array<string | number>,
  problems: EventProblem[],
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === 'string' && /^\s*\d+\s*$/.test(value)
      ? Number(value)
      : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    problems.push(
      problem(
        path,
        `must be a non-negative integer, got ${JSON.stringify(value)}`,
      ),
    );
    return undefined;
  }
  return n;
}

/** The first present attribute of several spellings, with its key. */
function firstAttribute(
  attributes: Record<string, unknown>,
  keys: string[],
): [string, unknown] | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (value !== undefined && value !== null) return [key, value];
  }
  return undefined;
}

function readText(
  value: unknown,
  path: Array<string | number>,
  maxLength: number,
  problems: EventProblem[],
): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.push(problem(path, `must be a string, got ${typeof value}`));
    return null;
  }
  const text = value.trim();
  if (text.length > maxLength) {
    problems.push(problem(path, `must be at most ${maxLength} characters`));
    return null;
  }
  return text || null;
}

/**
 * Uncached input from a total input count. OpenTelemetry (and OpenAI,
 * LiteLLM) count cache reads and writes inside the input total; a total
 * smaller than the cache counts can only be an exclusive count (as
 * Anthropic reports it) and is taken as uncached input as is.
 */
export function uncachedInput(
  total: number,
  cacheRead: number,
  cacheWrite: number,
): number {
  return total >= cacheRead + cacheWrite
    ? total - cacheRead - cacheWrite
    : total;
}

function tagValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(v => String(v)).join(',');
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Builds tags from candidate pairs, applying the allow-list and limits. */
function buildTags(
  pairs: Array<{ key: string; value: unknown; path: Array<string | number> }>,
  options: NormalizeOptions,
  problems: EventProblem[],
): Record<string, string> | null {
  const tags: Record<string, string> = {};
  let count = 0;
  for (const { key, value, path } of pairs) {
    if (options.tagKeys && !options.tagKeys.has(key)) continue;
    const text = tagValue(value);
    if (text === undefined) continue;
    if (key.length > TAG_LIMITS.keyLength) {
      problems.push(
        problem(
          path,
          `tag keys must be at most ${TAG_LIMITS.keyLength} characters`,
        ),
      );
      continue;
    }
    if (text.length > TAG_LIMITS.valueLength) {
      problems.push(
        problem(
          path,
          `tag values must be at most ${TAG_LIMITS.valueLength} characters`,
        ),
      );
      continue;
    }
    if (!(key in tags)) count += 1;
    tags[key] = text;
  }
  if (count > TAG_LIMITS.count) {
    problems.push(
      problem(
        ['attributes'],
        `at most ${TAG_LIMITS.count} tag attributes per event, got ${count}; limit them with aiCost.ingest.tagKeys`,
      ),
    );
  }
  return count > 0 ? tags : null;
}

function readInstant(
  value: string | number,
  path: Array<string | number>,
  now: Date,
  problems: EventProblem[],
): Date | undefined {
  const instant = parseTimestamp(value);
  if (!instant) {
    problems.push(
      problem(
        path,
        `${JSON.stringify(
          value,
        )} is not an ISO 8601 date-time or epoch milliseconds`,
      ),
    );
    return undefined;
  }
  if (instant.getTime() > now.getTime() + MAX_FUTURE_MS) {
    problems.push(
      problem(
        path,
        `${instant.toISOString()} is more than a day in the future`,
      ),
    );
    return undefined;
  }
  return instant;
}

/** A cost amount in micro-units, from a JSON number or a decimal string. */
function readAmount(
  value: unknown,
  path: Array<string | number>,
  problems: EventProblem[],
): number | undefined {
  try {
    const micros =
      typeof value === 'string'
        ? microsFromDecimalString(value)
        : microsFromNumber(value);
    if (micros < 0) {
      problems.push(problem(path, 'must not be negative'));
      return undefined;
    }
    return micros;
  } catch (error) {
    if (!(error instanceof MoneyParseError)) throw error;
    problems.push(
      problem(path, `${JSON.stringify(value)} is not a decimal number`),
    );
    return undefined;
  }
}

function checkCurrency(
  currency: string,
  path: Array<string | number>,
  options: NormalizeOptions,
  problems: EventProblem[],
) {
  if (currency.toUpperCase() !== options.currency) {
    problems.push(
      problem(
        path,
        `"${currency}" is not the reporting currency ${options.currency} (aiCost.currency); amounts in other currencies are not converted`,
      ),
    );
  }
}

/**
 * Validates one OpenTelemetry GenAI usage event (`format: otel`) and maps
 * it onto the plugin's token semantics. Every problem names its field.
 */
export function normalizeGenAiEvent(
  input: unknown,
  options: NormalizeOptions,
): NormalizeResult {
  const parsed = genAiUsageEventSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error) };
  }
  const raw = parsed.data;
  const attributes = raw.attributes as Record<string, unknown>;
  const problems: EventProblem[] = [];
  const attr = (key: string) => ['attributes', key];
  const count = (keys: string[]) => {
    const found = firstAttribute(attributes, keys);
    return found ? readCount(found[1], attr(found[0]), problems) ?? 0 : 0;
  };
  const text = (keys: string[], maxLength: number) => {
    const found = firstAttribute(attributes, keys);
    return found
      ? readText(found[1], attr(found[0]), maxLength, problems)
      : null;
  };

  const instant = readInstant(
    raw.timestamp,
    ['timestamp'],
    options.now,
    problems,
  );
  const upstream = text(ATTR.provider, 64);
  const rawModel = text([ATTR.responseModel, ATTR.requestModel], 255);
  const split = rawModel ? splitModelPrefix(rawModel) : undefined;
  const cacheRead = count(ATTR.cacheRead);
  const cacheWrite = count(ATTR.cacheWrite);
  const input_ = count(ATTR.input);
  const output = count(ATTR.output);
  const reasoning = count(ATTR.reasoning);
  const userId = text(ATTR.user, 255);

  let givenCost: number | null = null;
  if (raw.cost) {
    checkCurrency(raw.cost.currency, ['cost', 'currency'], options, problems);
    givenCost =
      readAmount(raw.cost.amount, ['cost', 'amount'], problems) ?? null;
  } else if (!rawModel) {
    problems.push(
      problem(
        attr(ATTR.responseModel),
        `is required (or ${ATTR.requestModel}) when the event has no cost`,
      ),
    );
  }

  const tags = buildTags(
    Object.entries(attributes)
      .filter(
        ([key]) => !key.startsWith('gen_ai.') && !NON_TAG_ATTRIBUTES.has(key),
      )
      .map(([key, value]) => ({ key, value, path: attr(key) })),
    options,
    problems,
  );

  if (problems.length > 0 || !instant) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    event: {
      eventId: raw.id,
      contentHash: contentHash(input),
      format: 'otel',
      occurredAt: instant.toISOString(),
      date: dayOf(instant),
      upstreamProvider: upstream ?? split?.provider ?? null,
      model: split?.model ?? null,
      apiKeyId: null,
      userId,
      tags,
      inputTokens: uncachedInput(input_, cacheRead, cacheWrite),
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: output,
      reasoningTokens: reasoning,
      requests: 1,
      givenCost,
    },
  };
}

/** A JSON object given as an object or as a JSON string; undefined when absent. */
function readJsonObject(
  value: unknown,
  path: Array<string | number>,
  problems: EventProblem[],
): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      problems.push(problem(path, 'is not valid JSON'));
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(problem(path, 'must be a JSON object'));
    return undefined;
  }
  return parsed as Record<string, unknown>;
}

/**
 * LiteLLM request tags are free strings; `key=value` and `key:value` become
 * that tag, a bare word `word=true` (FOCUS's convention for valueless tags).
 */
export function parseRequestTag(tag: string): { key: string; value: string } {
  const text = tag.trim();
  const at = [text.indexOf('='), text.indexOf(':')]
    .filter(i => i > 0)
    .sort((a, b) => a - b)[0];
  if (at === undefined) return { key: text, value: 'true' };
  return { key: text.slice(0, at).trim(), value: text.slice(at + 1).trim() };
}

function readRequestTags(
  value: unknown,
  path: Array<string | number>,
  problems: EventProblem[],
): string[] {
  if (value === undefined || value === null || value === '') return [];
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      problems.push(problem(path, 'is not a JSON array of strings'));
      return [];
    }
  }
  if (!Array.isArray(parsed) || parsed.some(t => typeof t !== 'string')) {
    problems.push(problem(path, 'must be an array of strings'));
    return [];
  }
  return parsed as string[];
}

function isTrue(value: unknown): boolean {
  return value === true || String(value).toLowerCase() === 'true';
}

/**
 * Validates one LiteLLM spend-log row (`format: litellm`) and maps it onto
 * the plugin's token semantics. `prompt_tokens` counts cache reads and
 * writes (OpenAI style); cache counts come from `metadata.usage_object`
 * when LiteLLM recorded it. A `spend` of 0 for tokens that were not a cache
 * hit means LiteLLM could not price the model: the event is priced here
 * instead (or flagged unpriced), never recorded as free.
 */
export function normalizeLiteLlmSpendLog(
  input: unknown,
  options: NormalizeOptions,
): NormalizeResult {
  const parsed = liteLlmSpendLogSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error) };
  }
  const row = parsed.data;
  const problems: EventProblem[] = [];
  const instant = readInstant(
    row.startTime,
    ['startTime'],
    options.now,
    problems,
  );
  const metadata = readJsonObject(row.metadata, ['metadata'], problems) ?? {};
  const usageObject =
    readJsonObject(
      metadata.usage_object,
      ['metadata', 'usage_object'],
      problems,
    ) ?? {};
  const details = (key: string) =>
    (usageObject[key] && typeof usageObject[key] === 'object'
      ? usageObject[key]
      : {}) as Record<string, unknown>;
  const usagePath = (...keys: string[]) => [
    'metadata',
    'usage_object',
    ...keys,
  ];
  const passthrough = row as Record<string, unknown>;

  const prompt = readCount(row.prompt_tokens, ['prompt_tokens'], problems) ?? 0;
  const completion =
    readCount(row.completion_tokens, ['completion_tokens'], problems) ?? 0;
  const cacheRead =
    readCount(
      usageObject.cache_read_input_tokens,
      usagePath('cache_read_input_tokens'),
      problems,
    ) ??
    readCount(
      details('prompt_tokens_details').cached_tokens,
      usagePath('prompt_tokens_details', 'cached_tokens'),
      problems,
    ) ??
    readCount(
      passthrough.cache_read_input_tokens,
      ['cache_read_input_tokens'],
      problems,
    ) ??
    0;
  const cacheWrite =
    readCount(
      usageObject.cache_creation_input_tokens,
      usagePath('cache_creation_input_tokens'),
      problems,
    ) ??
    readCount(
      passthrough.cache_creation_input_tokens,
      ['cache_creation_input_tokens'],
      problems,
    ) ??
    0;
  const reasoning =
    readCount(
      details('completion_tokens_details').reasoning_tokens,
      usagePath('completion_tokens_details', 'reasoning_tokens'),
      problems,
    ) ?? 0;

  const rawModel =
    readText(row.model, ['model'], 255, problems) ??
    readText(row.model_group, ['model_group'], 255, problems);
  const split = rawModel ? splitModelPrefix(rawModel) : undefined;
  const upstream = readText(
    row.custom_llm_provider,
    ['custom_llm_provider'],
    64,
    problems,
  );

  let givenCost: number | null = null;
  if (row.spend !== undefined && row.spend !== null) {
    const spend = readAmount(row.spend, ['spend'], problems);
    const tokens = prompt + completion + cacheRead + cacheWrite;
    const unpricedByLiteLlm =
      spend === 0 && tokens > 0 && !isTrue(row.cache_hit);
    if (spend !== undefined && !unpricedByLiteLlm) {
      checkCurrency('USD', ['spend'], options, problems);
      givenCost = spend;
    }
  }
  if (givenCost === null && !rawModel) {
    problems.push(problem(['model'], 'is required when spend is not given'));
  }

  const apiKeyId = readText(row.api_key, ['api_key'], 255, problems);
  const userId = readText(row.user, ['user'], 255, problems);
  const requestTags = [
    ...readRequestTags(row.request_tags, ['request_tags'], problems),
    ...readRequestTags(metadata.tags, ['metadata', 'tags'], problems),
  ];
  const tags = buildTags(
    [
      { key: 'team_id', value: row.team_id, path: ['team_id'] },
      {
        key: 'team_alias',
        value: metadata.user_api_key_team_alias,
        path: ['metadata', 'user_api_key_team_alias'],
      },
      {
        key: 'key_alias',
        value: metadata.user_api_key_alias,
        path: ['metadata', 'user_api_key_alias'],
      },
      {
        key: 'organization_id',
        value: row.organization_id,
        path: ['organization_id'],
      },
      ...requestTags.map(tag => ({
        ...parseRequestTag(tag),
        path: ['request_tags'],
      })),
    ],
    options,
    problems,
  );

  if (problems.length > 0 || !instant) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    event: {
      eventId: row.request_id,
      contentHash: contentHash(input),
      format: 'litellm',
      occurredAt: instant.toISOString(),
      date: dayOf(instant),
      upstreamProvider: upstream ?? split?.provider ?? null,
      model: split?.model ?? null,
      apiKeyId,
      userId,
      tags,
      inputTokens: uncachedInput(prompt, cacheRead, cacheWrite),
      cachedInputTokens: cacheRead,
      cacheWriteTokens: cacheWrite,
      outputTokens: completion,
      reasoningTokens: reasoning,
      requests: 1,
      givenCost,
    },
  };
}

/** The normalizer of a wire format. */
export function normalizerFor(
  format: PushEventFormat,
): (input: unknown, options: NormalizeOptions) => NormalizeResult {
  const normalize =
    format === 'litellm' ? normalizeLiteLlmSpendLog : normalizeGenAiEvent;
  return (input, options) => {
    const nul = pathOfNul(input);
    if (nul) {
      return {
        ok: false,
        problems: [problem(nul, 'must not contain NUL (U+0000) characters')],
      };
    }
    return normalize(input, options);
  };
}

/**
 * The path of the first string (or object key) containing U+0000, which
 * PostgreSQL cannot store in text columns; undefined when there is none.
 */
export function pathOfNul(
  value: unknown,
  path: Array<string | number> = [],
  depth = 0,
): Array<string | number> | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return [...path, key];
    const found = pathOfNul(item, [...path, key], depth + 1);
    if (found) return found;
  }
  return undefined;
}
