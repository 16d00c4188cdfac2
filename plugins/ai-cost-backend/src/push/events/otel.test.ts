import { normalizeGenAiEvent } from './otel';
import type { NormalizeOptions } from './normalizedEvent';

const options: NormalizeOptions = {
  currency: 'USD',
  now: new Date('2026-11-03T12:00:00Z'),
};
function otel(overrides: Record<string, unknown> = {}) {
  return {
    id: 'evt-1',
    timestamp: '2026-11-01T23:30:00-02:00',
    attributes: {
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.usage.input_tokens': 1200,
      'gen_ai.usage.cache_read.input_tokens': 200,
      'gen_ai.usage.cache_creation.input_tokens': 100,
      'gen_ai.usage.output_tokens': 300,
      'gen_ai.usage.reasoning.output_tokens': 50,
      'gen_ai.operation.name': 'chat',
      'user.id': 'u-42',
      service: 'search',
      replicas: 3,
      canary: false,
      regions: ['eu', 'us'],
    },
    ...overrides,
  };
}

describe('normalizeGenAiEvent', () => {
  it('maps OpenTelemetry GenAI attributes onto uncached input, cache and output tokens', () => {
    const result = normalizeGenAiEvent(otel(), options);
    expect(result).toEqual({
      ok: true,
      event: {
        eventId: 'evt-1',
        contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        format: 'otel',
        occurredAt: '2026-11-02T01:30:00.000Z',
        date: '2026-11-02',
        upstreamProvider: 'openai',
        model: 'gpt-4o-2024-08-06',
        apiKeyId: null,
        userId: 'u-42',
        tags: {
          service: 'search',
          replicas: '3',
          canary: 'false',
          regions: 'eu,us',
        },
        inputTokens: 900,
        cachedInputTokens: 200,
        cacheWriteTokens: 100,
        outputTokens: 300,
        reasoningTokens: 50,
        requests: 1,
        givenCost: null,
      },
    });
  });

  it('hashes content independently of key order', () => {
    const a = normalizeGenAiEvent(otel(), options);
    const reordered = Object.fromEntries(Object.entries(otel()).reverse());
    const b = normalizeGenAiEvent(reordered, options);
    const c = normalizeGenAiEvent(
      otel({ attributes: { ...otel().attributes, service: 'other' } }),
      options,
    );
    if (!a.ok || !b.ok || !c.ok) throw new Error('expected valid events');
    expect(b.event.contentHash).toBe(a.event.contentHash);
    expect(c.event.contentHash).not.toBe(a.event.contentHash);
  });

  it('reads deprecated spellings, int64 strings and epoch milliseconds', () => {
    const result = normalizeGenAiEvent(
      {
        id: 'evt-2',
        timestamp: Date.UTC(2026, 10, 1, 10),
        attributes: {
          'gen_ai.system': 'anthropic',
          'gen_ai.request.model': 'anthropic/claude-3-5-haiku-20241022',
          'gen_ai.usage.prompt_tokens': '1000',
          'gen_ai.usage.completion_tokens': 100,
          'gen_ai.usage.cache_read_input_tokens': 400,
        },
      },
      options,
    );
    expect(result).toMatchObject({
      ok: true,
      event: {
        upstreamProvider: 'anthropic',
        model: 'claude-3-5-haiku-20241022',
        date: '2026-11-01',
        inputTokens: 600,
        cachedInputTokens: 400,
        outputTokens: 100,
        tags: null,
        userId: null,
      },
    });
  });

  it('takes a cost in the reporting currency as given, decimal strings included', () => {
    const result = normalizeGenAiEvent(
      otel({ cost: { amount: '0.0123456', currency: 'USD' } }),
      options,
    );
    expect(result).toMatchObject({ ok: true, event: { givenCost: 12346 } });
    const noModel = normalizeGenAiEvent(
      {
        id: 'x',
        timestamp: '2026-11-01T00:00:00Z',
        attributes: { team: 'a' },
        cost: { amount: 0.5, currency: 'USD' },
      },
      options,
    );
    expect(noModel).toMatchObject({
      ok: true,
      event: { model: null, givenCost: 500000 },
    });
  });

  it('names every bad field', () => {
    const result = normalizeGenAiEvent(
      otel({
        timestamp: '2026-13-01T00:00:00Z',
        cost: { amount: 'abc', currency: 'EUR' },
        attributes: {
          ...otel().attributes,
          'gen_ai.usage.input_tokens': -5,
          'gen_ai.usage.output_tokens': 1.5,
        },
      }),
      options,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'timestamp',
          message:
            '"2026-13-01T00:00:00Z" is not an ISO 8601 date-time or epoch milliseconds',
        },
        {
          field: 'attributes["gen_ai.usage.input_tokens"]',
          message: 'must be a non-negative integer, got -5',
        },
        {
          field: 'attributes["gen_ai.usage.output_tokens"]',
          message: 'must be a non-negative integer, got 1.5',
        },
        {
          field: 'cost.amount',
          message: '"abc" is not a decimal number',
        },
      ],
    });
  });

  it('reports schema problems: missing id, unknown fields, non-objects', () => {
    expect(
      normalizeGenAiEvent(
        { timestamp: '2026-11-01T00:00:00Z', attributes: {}, extra: 1 },
        options,
      ),
    ).toEqual({
      ok: false,
      problems: [
        { field: 'id', message: 'is required (events are deduplicated by id)' },
        { field: 'event', message: 'unknown field(s) "extra"' },
      ],
    });
    expect(normalizeGenAiEvent(42, options)).toEqual({
      ok: false,
      problems: [
        { field: 'event', message: 'Expected object, received number' },
      ],
    });
  });

  it('requires a model when no cost is given, and refuses the far future', () => {
    const result = normalizeGenAiEvent(
      {
        id: 'x',
        timestamp: '2026-11-05T00:00:00Z',
        attributes: { 'gen_ai.usage.input_tokens': 10 },
      },
      options,
    );
    expect(result).toEqual({
      ok: false,
      problems: [
        {
          field: 'timestamp',
          message: '2026-11-05T00:00:00.000Z is more than a day in the future',
        },
        {
          field: 'attributes["gen_ai.response.model"]',
          message:
            'is required (or gen_ai.request.model) when the event has no cost',
        },
      ],
    });
  });

  it('keeps only allowed tag keys and limits their number', () => {
    const allowed = normalizeGenAiEvent(otel(), {
      ...options,
      tagKeys: new Set(['service']),
    });
    expect(allowed).toMatchObject({
      ok: true,
      event: { tags: { service: 'search' } },
    });
    const many = Object.fromEntries(
      Array.from({ length: 33 }, (_, i) => [`k${i}`, 'v']),
    );
    expect(
      normalizeGenAiEvent(
        otel({ attributes: { ...otel().attributes, ...many } }),
        { ...options, tagKeys: undefined },
      ),
    ).toMatchObject({
      ok: false,
      problems: [
        {
          field: 'attributes',
          message:
            'at most 32 tag attributes per event, got 37; limit them with aiCost.push.tagKeys',
        },
      ],
    });
  });
});
