import { normalizeLiteLlmSpendLog } from './litellmSpendLog';
import type { NormalizeOptions } from './normalizedEvent';

const options: NormalizeOptions = {
  currency: 'USD',
  now: new Date('2026-11-03T12:00:00Z'),
};
function spendLog(overrides: Record<string, unknown> = {}) {
  return {
    request_id: 'chatcmpl-1',
    call_type: 'acompletion',
    api_key: '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b',
    spend: 0.00575,
    total_tokens: 1500,
    prompt_tokens: 1200,
    completion_tokens: 300,
    startTime: '2026-11-01T10:00:00.123456',
    endTime: '2026-11-01T10:00:01.5',
    model: 'gpt-4o',
    model_group: 'gpt-4o',
    custom_llm_provider: 'openai',
    user: 'alice@example.com',
    team_id: 'team-search',
    organization_id: null,
    cache_hit: 'False',
    status: 'success',
    request_tags: ['service=search', 'env:prod', 'batch'],
    metadata: {
      user_api_key_alias: 'search-prod',
      user_api_key_team_alias: 'search',
      usage_object: {
        prompt_tokens: 1200,
        completion_tokens: 300,
        prompt_tokens_details: { cached_tokens: 200 },
        completion_tokens_details: { reasoning_tokens: 20 },
      },
    },
    ...overrides,
  };
}

describe('normalizeLiteLlmSpendLog', () => {
  it('maps a spend-log row: spend as billed cost, key hash, user, team and request tags', () => {
    expect(normalizeLiteLlmSpendLog(spendLog(), options)).toEqual({
      ok: true,
      event: {
        eventId: 'chatcmpl-1',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        format: 'litellm',
        occurredAt: '2026-11-01T10:00:00.123Z',
        date: '2026-11-01',
        upstreamProvider: 'openai',
        model: 'gpt-4o',
        apiKeyId:
          '88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b',
        userId: 'alice@example.com',
        tags: {
          team_id: 'team-search',
          team_alias: 'search',
          key_alias: 'search-prod',
          service: 'search',
          env: 'prod',
          batch: 'true',
        },
        inputTokens: 1000,
        cachedInputTokens: 200,
        cacheWriteTokens: 0,
        outputTokens: 300,
        reasoningTokens: 20,
        requests: 1,
        givenCost: 5750,
        givenCurrency: { code: 'USD', field: 'spend' },
      },
    });
  });

  it('reads metadata and request tags given as JSON strings (database exports)', () => {
    const result = normalizeLiteLlmSpendLog(
      spendLog({
        metadata: JSON.stringify({
          usage_object: {
            cache_read_input_tokens: 300,
            cache_creation_input_tokens: 100,
          },
        }),
        request_tags: '["team:search"]',
        team_id: null,
        model: 'bedrock/anthropic.claude-3-5-haiku-20241022-v1:0',
        custom_llm_provider: null,
      }),
      options,
    );
    expect(result).toMatchObject({
      ok: true,
      event: {
        upstreamProvider: 'bedrock',
        model: 'anthropic.claude-3-5-haiku-20241022-v1:0',
        inputTokens: 800,
        cachedInputTokens: 300,
        cacheWriteTokens: 100,
        tags: { team: 'search' },
      },
    });
  });

  it('treats a spend of 0 for tokens as "LiteLLM could not price it", not as free', () => {
    expect(
      normalizeLiteLlmSpendLog(spendLog({ spend: 0 }), options),
    ).toMatchObject({ ok: true, event: { givenCost: null } });
    expect(
      normalizeLiteLlmSpendLog(
        spendLog({ spend: 0, cache_hit: 'True' }),
        options,
      ),
    ).toMatchObject({ ok: true, event: { givenCost: 0 } });
  });

  it('keeps USD spend in USD when the reporting currency is another, for the store to convert', () => {
    expect(
      normalizeLiteLlmSpendLog(spendLog(), { ...options, currency: 'EUR' }),
    ).toMatchObject({
      ok: true,
      event: { givenCurrency: { code: 'USD', field: 'spend' } },
    });
  });

  it('names bad fields of a row', () => {
    expect(
      normalizeLiteLlmSpendLog(
        spendLog({
          request_id: undefined,
          prompt_tokens: -1,
          metadata: '{not json',
        }),
        options,
      ),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: 'request_id',
          message: 'is required (rows are deduplicated by request_id)',
        },
      ],
    });
    expect(
      normalizeLiteLlmSpendLog(
        spendLog({ prompt_tokens: -1, metadata: '{not json' }),
        options,
      ),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'metadata', message: 'is not valid JSON' },
        {
          field: 'prompt_tokens',
          message: 'must be a non-negative integer, got -1',
        },
      ],
    });
  });
});
