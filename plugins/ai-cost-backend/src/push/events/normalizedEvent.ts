import { hash } from 'node:crypto';
import { dayOf, type PushEventFormat } from '@ai-cost/plugin-ai-cost-common';
import type { z } from 'zod';

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
  /** A cost the gateway reported, in micro-units of `givenCurrency`. */
  givenCost: number | null;
  /**
   * The currency of `givenCost` (an upper-cased ISO 4217 code) and the field
   * of the event that states it; absent when no cost was given. Another
   * currency than aiCost.currency is converted when the event is stored.
   */
  givenCurrency?: GivenCurrency;
}

/** The currency of a cost a gateway reported, and where the event says so. */
export interface GivenCurrency {
  code: string;
  field: string;
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
  /**
   * The reporting currency (aiCost.currency). A cost in another currency is
   * kept in it and converted when the event is stored.
   */
  currency: string;
  now: Date;
  /** When set, only these attribute keys become tags. */
  tagKeys?: ReadonlySet<string>;
}

/** A path into an event: object keys and array indexes. */
export type FieldPath = Array<string | number>;

/** `attributes.team`, `attributes["gen_ai.usage.input_tokens"]`, `[3]`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || 'event';
}

export function problem(path: FieldPath, message: string): EventProblem {
  return { field: formatPath(path), message };
}

export function zodProblems(error: z.ZodError): EventProblem[] {
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
  if (Array.isArray(value)) {
    let items = '';
    for (let i = 0; i < value.length; i++) {
      items += `${i > 0 ? ',' : ''}${canonicalJson(value[i])}`;
    }
    return `[${items}]`;
  }
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    let entries = '';
    for (const key of Object.keys(record).sort()) {
      const item = record[key];
      if (item === undefined) continue;
      entries += `${entries ? ',' : ''}${JSON.stringify(key)}:${canonicalJson(
        item,
      )}`;
    }
    return `{${entries}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** sha256 of an event as sent, independent of key order. */
export function contentHash(value: unknown): string {
  return hash('sha256', canonicalJson(value));
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

/** What every event format reads before it becomes a {@link NormalizedPushEvent}. */
export interface ReadEvent {
  eventId: string;
  /** The event as sent, for its content hash. */
  sent: unknown;
  format: PushEventFormat;
  instant: Date | undefined;
  upstream: string | null | undefined;
  /** The model id and the provider its `provider/` prefix names, if any. */
  split: { model: string; provider?: string } | undefined;
  apiKeyId: string | null;
  userId: string | null;
  tags: Record<string, string> | null;
  /** Input tokens as the format counts them (cache reads and writes inside). */
  totalInput: number;
  cacheRead: number;
  cacheWrite: number;
  output: number;
  reasoning: number;
  givenCost: number | null;
  /** The currency of `givenCost`, when one was given. */
  givenCurrency?: GivenCurrency;
}

/** The result of normalizing one event: its problems, or the event. */
export function normalizeResult(
  read: ReadEvent,
  problems: EventProblem[],
): NormalizeResult {
  const { instant } = read;
  if (problems.length > 0 || !instant) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    event: {
      eventId: read.eventId,
      contentHash: contentHash(read.sent),
      format: read.format,
      occurredAt: instant.toISOString(),
      date: dayOf(instant),
      upstreamProvider: read.upstream ?? read.split?.provider ?? null,
      model: read.split?.model ?? null,
      apiKeyId: read.apiKeyId,
      userId: read.userId,
      tags: read.tags,
      inputTokens: uncachedInput(
        read.totalInput,
        read.cacheRead,
        read.cacheWrite,
      ),
      cachedInputTokens: read.cacheRead,
      cacheWriteTokens: read.cacheWrite,
      outputTokens: read.output,
      reasoningTokens: read.reasoning,
      requests: 1,
      givenCost: read.givenCost,
      ...(read.givenCost !== null && read.givenCurrency
        ? { givenCurrency: read.givenCurrency }
        : {}),
    },
  };
}
