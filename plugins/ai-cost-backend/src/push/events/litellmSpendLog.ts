import { liteLlmSpendLogSchema } from '@ai-cost/plugin-ai-cost-common';
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
  type NormalizeOptions,
  type NormalizeResult,
} from './normalizedEvent';

/**
 * Validates one LiteLLM spend-log row (`LiteLLM_SpendLogs`, `GET
 * /spend/logs`) and maps it onto the plugin's token semantics.
 * `prompt_tokens` counts cache reads and writes (OpenAI style); cache
 * counts come from `metadata.usage_object` when LiteLLM recorded it. A
 * `spend` of 0 for tokens that were not a cache hit means LiteLLM could not
 * price the model: the event is priced here instead (or flagged unpriced),
 * never recorded as free.
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
  const usage = readUsageDetails(
    metadata.usage_object,
    ['metadata', 'usage_object'],
    problems,
  );
  const passthrough = row as Record<string, unknown>;

  const prompt = readCount(row.prompt_tokens, ['prompt_tokens'], problems) ?? 0;
  const completion =
    readCount(row.completion_tokens, ['completion_tokens'], problems) ?? 0;
  const cacheRead =
    usage.cacheRead ??
    readCount(
      passthrough.cache_read_input_tokens,
      ['cache_read_input_tokens'],
      problems,
    ) ??
    0;
  const cacheWrite =
    usage.cacheWrite ??
    readCount(
      passthrough.cache_creation_input_tokens,
      ['cache_creation_input_tokens'],
      problems,
    ) ??
    0;
  const reasoning = usage.reasoning ?? 0;

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
      // LiteLLM prices in USD; converted when stored if aiCost.currency is another.
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

  return normalizeResult(
    {
      eventId: row.request_id,
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
      reasoning: reasoning,
      givenCost,
      givenCurrency: { code: 'USD', field: 'spend' },
    },
    problems,
  );
}
