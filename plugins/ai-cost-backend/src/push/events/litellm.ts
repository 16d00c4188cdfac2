import { normalizeLiteLlmLoggingPayload } from './litellmLoggingPayload';
import { normalizeLiteLlmSpendLog } from './litellmSpendLog';
import type { NormalizeOptions, NormalizeResult } from './normalizedEvent';

/**
 * Validates one `format: litellm` event, in either of LiteLLM's shapes: a
 * `LiteLLM_SpendLogs` row (it has `request_id`) or a `StandardLoggingPayload`
 * as its logging callbacks send it (`id`).
 */
export function normalizeLiteLlmEvent(
  input: unknown,
  options: NormalizeOptions,
): NormalizeResult {
  const isSpendLog =
    !!input &&
    typeof input === 'object' &&
    (input as Record<string, unknown>).request_id !== undefined;
  return isSpendLog
    ? normalizeLiteLlmSpendLog(input, options)
    : normalizeLiteLlmLoggingPayload(input, options);
}
