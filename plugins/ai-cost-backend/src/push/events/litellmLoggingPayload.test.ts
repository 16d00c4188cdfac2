import { normalizeLiteLlmEvent } from './litellm';
import type { NormalizeOptions } from './normalizedEvent';

const options: NormalizeOptions = {
  currency: 'USD',
  now: new Date('2026-11-03T12:00:00Z'),
};

/** 2026-11-01T10:00:00.5Z in epoch seconds, as LiteLLM sends times. */
const START = Date.UTC(2026, 10, 1, 10, 0, 0, 500) / 1000;

function payload(overrides: Record<string, unknown> = {}) {
  return {
    id: 'call-1',
    trace_id: 'trace-1',
    call_type: 'acompletion',
    status: 'success',
    response_cost: 0.00575,
    response_cost_failure_debug_info: null,
    custom_llm_provider: 'azure',
    model: 'azure/gpt-4o',
    model_group: 'gpt-4o',
    prompt_tokens: 1200,
    completion_tokens: 300,
    total_tokens: 1500,
    startTime: START,
    endTime: START + 1.2,
    cache_hit: null,
    request_tags: ['service=search', 'batch'],
    end_user: null,
    metadata: {
      user_api_key_hash: 'hash-1',
      user_api_key_alias: 'search-prod',
      user_api_key_team_id: 'team-1',
      user_api_key_team_alias: 'search',
      user_api_key_user_id: 'alice',
      user_api_key_org_id: null,
      usage_object: {
        prompt_tokens_details: { cached_tokens: 200 },
        completion_tokens_details: { reasoning_tokens: 20 },
      },
    },
    ...overrides,
  };
}

describe('normalizeLiteLlmEvent on StandardLoggingPayloads', () => {
  it('maps a payload: epoch-second times, response_cost as billed, key hash, team and request tags', () => {
    expect(normalizeLiteLlmEvent(payload(), options)).toEqual({
      ok: true,
      event: {
        eventId: 'call-1',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        format: 'litellm',
        occurredAt: '2026-11-01T10:00:00.500Z',
        date: '2026-11-01',
        upstreamProvider: 'azure',
        model: 'gpt-4o',
        apiKeyId: 'hash-1',
        userId: 'alice',
        tags: {
          team_id: 'team-1',
          team_alias: 'search',
          key_alias: 'search-prod',
          service: 'search',
          batch: 'true',
        },
        inputTokens: 1000,
        cachedInputTokens: 200,
        cacheWriteTokens: 0,
        outputTokens: 300,
        reasoningTokens: 20,
        requests: 1,
        givenCost: 5750,
        givenCurrency: { code: 'USD', field: 'response_cost' },
      },
    });
  });

  it('prices it here when LiteLLM could not: failure info, or 0 for tokens without a cache hit', () => {
    const failed = normalizeLiteLlmEvent(
      payload({
        response_cost: 0,
        response_cost_failure_debug_info: { error_str: 'model not mapped' },
      }),
      options,
    );
    expect(failed.ok && failed.event.givenCost).toBeNull();
    const zero = normalizeLiteLlmEvent(payload({ response_cost: 0 }), options);
    expect(zero.ok && zero.event.givenCost).toBeNull();
    const cached = normalizeLiteLlmEvent(
      payload({ response_cost: 0, cache_hit: true }),
      options,
    );
    expect(cached.ok && cached.event.givenCost).toBe(0);
  });

  it('names bad fields, and tells the two LiteLLM shapes apart', () => {
    expect(
      normalizeLiteLlmEvent(
        payload({ startTime: 1e15, response_cost: 'abc', id: undefined }),
        options,
      ),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: 'id',
          message:
            'is required (a StandardLoggingPayload id, or request_id for a LiteLLM_SpendLogs row)',
        },
      ],
    });
    expect(
      normalizeLiteLlmEvent(payload({ startTime: 1e15 }), options),
    ).toEqual({
      ok: false,
      problems: [
        {
          field: 'startTime',
          message:
            '1000000000000000000 is not epoch seconds or an ISO 8601 date-time',
        },
      ],
    });
    const spendLog = normalizeLiteLlmEvent(
      {
        request_id: 'r-1',
        startTime: '2026-11-01T10:00:00',
        spend: 0.01,
        model: 'gpt-4o',
      },
      options,
    );
    expect(spendLog.ok && spendLog.event.eventId).toBe('r-1');
  });
});
