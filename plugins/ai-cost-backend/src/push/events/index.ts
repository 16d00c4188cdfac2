import type { PushEventFormat } from '@ai-cost/plugin-ai-cost-common';
import { normalizeLiteLlmEvent } from './litellm';
import {
  problem,
  type FieldPath,
  type NormalizeOptions,
  type NormalizeResult,
} from './normalizedEvent';
import { normalizeGenAiEvent } from './otel';

export type {
  EventProblem,
  NormalizedPushEvent,
  NormalizeOptions,
  NormalizeResult,
} from './normalizedEvent';
export { formatPath, uncachedInput } from './normalizedEvent';
export { TAG_LIMITS } from './attributes';
export { normalizeGenAiEvent } from './otel';
export { normalizeLiteLlmEvent } from './litellm';
export { normalizeLiteLlmSpendLog } from './litellmSpendLog';
export { normalizeLiteLlmLoggingPayload } from './litellmLoggingPayload';
export { parseRequestTag } from './litellmFields';

/** The normalizer of a wire format. */
export function normalizerFor(
  format: PushEventFormat,
): (input: unknown, options: NormalizeOptions) => NormalizeResult {
  const normalize =
    format === 'litellm' ? normalizeLiteLlmEvent : normalizeGenAiEvent;
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
 * The path is built on the way out, so a clean event allocates none.
 */
export function pathOfNul(value: unknown, depth = 0): FieldPath | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? [] : undefined;
  }
  if (!value || typeof value !== 'object' || depth > 32) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfNul(value[i], depth + 1);
      if (found) return [i, ...found];
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key.includes('\u0000')) return [key];
    const found = pathOfNul(record[key], depth + 1);
    if (found) return [key, ...found];
  }
  return undefined;
}
