import { genAiUsageEventSchema } from '@ai-cost/plugin-ai-cost-common';
import { splitModelPrefix } from '../providers';
import {
  buildTags,
  firstAttribute,
  readAmount,
  readCount,
  readInstant,
  readText,
} from './attributes';
import {
  problem,
  normalizeResult,
  zodProblems,
  type EventProblem,
  type GivenCurrency,
  type NormalizeOptions,
  type NormalizeResult,
} from './normalizedEvent';

/** OpenTelemetry GenAI attribute keys, current spelling first. */
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
  let givenCurrency: GivenCurrency | undefined;
  if (raw.cost) {
    // An ISO 4217 code (the schema says so); another currency than
    // aiCost.currency is converted when the event is stored (DESIGN §9.3).
    givenCurrency = { code: raw.cost.currency, field: 'cost.currency' };
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

  return normalizeResult(
    {
      eventId: raw.id,
      sent: input,
      format: 'otel',
      instant,
      upstream,
      split,
      apiKeyId: null,
      userId,
      tags,
      totalInput: input_,
      cacheRead,
      cacheWrite,
      output: output,
      reasoning: reasoning,
      givenCost,
      givenCurrency,
    },
    problems,
  );
}
