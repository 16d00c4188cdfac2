import { readCount, readJsonObject } from './attributes';
import { problem, type EventProblem, type FieldPath } from './normalizedEvent';

/**
 * Fields LiteLLM's two shapes share: request tags, the `usage_object` it
 * keeps in metadata, its truthy strings.
 */

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

/** Request tags given as an array of strings or a JSON string of one. */
export function readRequestTags(
  value: unknown,
  path: FieldPath,
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

/** `true`, or a string that says so (`"True"` in database exports). */
export function isTrue(value: unknown): boolean {
  return value === true || String(value).toLowerCase() === 'true';
}

/** Cache and reasoning counts of an OpenAI-style usage object; undefined when absent. */
export interface UsageDetails {
  cacheRead?: number;
  cacheWrite?: number;
  reasoning?: number;
}

/**
 * Reads the cache and reasoning token counts LiteLLM keeps in a usage
 * object (`metadata.usage_object`, `response.usage`): Anthropic-style
 * `cache_read_input_tokens` / `cache_creation_input_tokens`, or OpenAI's
 * `prompt_tokens_details.cached_tokens` and
 * `completion_tokens_details.reasoning_tokens`.
 */
export function readUsageDetails(
  value: unknown,
  path: FieldPath,
  problems: EventProblem[],
): UsageDetails {
  const usage = readJsonObject(value, path, problems);
  if (!usage) return {};
  const details = (key: string) =>
    (usage[key] && typeof usage[key] === 'object' ? usage[key] : {}) as Record<
      string,
      unknown
    >;
  return {
    cacheRead:
      readCount(
        usage.cache_read_input_tokens,
        [...path, 'cache_read_input_tokens'],
        problems,
      ) ??
      readCount(
        details('prompt_tokens_details').cached_tokens,
        [...path, 'prompt_tokens_details', 'cached_tokens'],
        problems,
      ),
    cacheWrite: readCount(
      usage.cache_creation_input_tokens,
      [...path, 'cache_creation_input_tokens'],
      problems,
    ),
    reasoning: readCount(
      details('completion_tokens_details').reasoning_tokens,
      [...path, 'completion_tokens_details', 'reasoning_tokens'],
      problems,
    ),
  };
}
