import { liteLlmLoggingPayloadSchema } from '@ai-cost/plugin-ai-cost-common';
import { splitModelPrefix } from '../providers';
import {
  buildTags,
  readAmount,
  readCount,
  readInstant,
  readJsonObject,
  readText,
} from './attributes';
import {
  isTrue,
  parseRequestTag,
  readRequestTags,
  readUsageDetails,
} from './litellmFields';
import {
  problem,
  normalizeResult,
  zodProblems,
  type EventProblem,
  type FieldPath,
  type NormalizeOptions,
  type NormalizeResult,
} from './normalizedEvent';

/** LiteLLM times are epoch seconds (floats); ISO 8601 strings are accepted too. */
function readLiteLlmTime(
  value: number | string,
  path: FieldPath,
  options: NormalizeOptions,
  problems: EventProblem[],
): Date | undefined {
  return readInstant(
    typeof value === 'number' ? Math.round(value * 1000) : value,
    path,
    options.now,
    problems,
    'epoch seconds or an ISO 8601 date-time',
  );
}

/**
 * Validates one LiteLLM `StandardLoggingPayload`, what LiteLLM's logging
 * callbacks (the generic API callback among them) send, and maps it onto the
 * plugin's token semantics. `response_cost` (USD) is the billed cost unless
 * LiteLLM says it could not price the call
 * (`response_cost_failure_debug_info`, or 0 for tokens that were not a
 * cache hit): then the event is priced here, or flagged unpriced, never free.
 * The virtual key is `metadata.user_api_key_hash` (the same hash the spend
 * logs' `api_key` holds); team, key alias and request tags become tags.
 */
export function normalizeLiteLlmLoggingPayload(
  input: unknown,
  options: NormalizeOptions,
): NormalizeResult {
  const parsed = liteLlmLoggingPayloadSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(parsed.error) };
  }
  const payload = parsed.data;
  const problems: EventProblem[] = [];
  const instant = readLiteLlmTime(
    payload.startTime,
    ['startTime'],
    options,
    problems,
  );
  const metadata =
    readJsonObject(payload.metadata, ['metadata'], problems) ?? {};
  const usage = readUsageDetails(
    metadata.usage_object,
    ['metadata', 'usage_object'],
    problems,
  );

  const prompt =
    readCount(payload.prompt_tokens, ['prompt_tokens'], problems) ?? 0;
  const completion =
    readCount(payload.completion_tokens, ['completion_tokens'], problems) ?? 0;
  const cacheRead = usage.cacheRead ?? 0;
  const cacheWrite = usage.cacheWrite ?? 0;

  const rawModel =
    readText(payload.model, ['model'], 255, problems) ??
    readText(payload.model_group, ['model_group'], 255, problems);
  const split = rawModel ? splitModelPrefix(rawModel) : undefined;
  const upstream = readText(
    payload.custom_llm_provider,
    ['custom_llm_provider'],
    64,
    problems,
  );

  let givenCost: number | null = null;
  const cost = payload.response_cost;
  if (cost !== undefined && cost !== null) {
    const micros = readAmount(cost, ['response_cost'], problems);
    const tokens = prompt + completion;
    const failure = payload.response_cost_failure_debug_info;
    const unpricedByLiteLlm =
      (!!failure &&
        typeof failure === 'object' &&
        Object.keys(failure).length > 0) ||
      (micros === 0 && tokens > 0 && !isTrue(payload.cache_hit));
    if (micros !== undefined && !unpricedByLiteLlm) {
      // LiteLLM prices in USD; converted when stored if aiCost.currency is another.
      givenCost = micros;
    }
  }
  if (givenCost === null && !rawModel) {
    problems.push(
      problem(['model'], 'is required when response_cost is not given'),
    );
  }

  const text = (key: string) =>
    readText(metadata[key], ['metadata', key], 255, problems);
  const apiKeyId = text('user_api_key_hash');
  const userId = text('user_api_key_user_id');
  const tags = buildTags(
    [
      {
        key: 'team_id',
        value: metadata.user_api_key_team_id,
        path: ['metadata', 'user_api_key_team_id'],
      },
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
        value: metadata.user_api_key_org_id,
        path: ['metadata', 'user_api_key_org_id'],
      },
      ...readRequestTags(payload.request_tags, ['request_tags'], problems).map(
        tag => ({ ...parseRequestTag(tag), path: ['request_tags'] }),
      ),
    ],
    options,
    problems,
  );

  return normalizeResult(
    {
      eventId: payload.id,
      sent: input,
      format: 'litellm',
      instant,
      upstream,
      split,
      apiKeyId,
      userId,
      tags,
      totalInput: prompt,
      cacheRead,
      cacheWrite,
      output: completion,
      reasoning: usage.reasoning ?? 0,
      givenCost,
      givenCurrency: { code: 'USD', field: 'response_cost' },
    },
    problems,
  );
}
