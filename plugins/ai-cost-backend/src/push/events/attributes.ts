import {
  microsFromDecimalString,
  microsFromNumber,
  MoneyParseError,
} from '@ai-cost/plugin-ai-cost-common';
import { parseTimestamp } from '../timestamps';
import {
  problem,
  type EventProblem,
  type FieldPath,
  type NormalizeOptions,
} from './normalizedEvent';

/**
 * Readers of event fields shared by the wire formats. Each returns the
 * value, or records a problem naming the field and returns undefined/null.
 */

/** Tags per event, and the length of their keys and values. */
export const TAG_LIMITS = { count: 32, keyLength: 128, valueLength: 256 };
/** Events may be dated at most this far ahead (clock skew). */
const MAX_FUTURE_MS = 24 * 60 * 60 * 1000;

/**
 * Reads a token count: a non-negative integer, or a string of digits (OTLP
 * JSON encodes 64-bit integers as strings). Undefined when absent.
 */
export function readCount(
  value: unknown,
  path: FieldPath,
  problems: EventProblem[],
): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n =
    typeof value === 'string' && /^\s*\d+\s*$/.test(value)
      ? Number(value)
      : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    problems.push(
      problem(
        path,
        `must be a non-negative integer, got ${JSON.stringify(value)}`,
      ),
    );
    return undefined;
  }
  return n;
}

/** The first present attribute of several spellings, with its key. */
export function firstAttribute(
  attributes: Record<string, unknown>,
  keys: string[],
): [string, unknown] | undefined {
  for (const key of keys) {
    const value = attributes[key];
    if (value !== undefined && value !== null) return [key, value];
  }
  return undefined;
}

/** Trimmed text of at most `maxLength` characters; null when absent or blank. */
export function readText(
  value: unknown,
  path: FieldPath,
  maxLength: number,
  problems: EventProblem[],
): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    problems.push(problem(path, `must be a string, got ${typeof value}`));
    return null;
  }
  const text = value.trim();
  if (text.length > maxLength) {
    problems.push(problem(path, `must be at most ${maxLength} characters`));
    return null;
  }
  return text || null;
}

function tagValue(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(v => String(v)).join(',');
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** A candidate tag and the field it comes from. */
export interface TagCandidate {
  key: string;
  value: unknown;
  path: FieldPath;
}

/** Builds tags from candidate pairs, applying the allow-list and limits. */
export function buildTags(
  pairs: TagCandidate[],
  options: NormalizeOptions,
  problems: EventProblem[],
): Record<string, string> | null {
  const tags: Record<string, string> = {};
  let count = 0;
  for (const { key, value, path } of pairs) {
    if (options.tagKeys && !options.tagKeys.has(key)) continue;
    const text = tagValue(value);
    if (text === undefined) continue;
    if (key.length > TAG_LIMITS.keyLength) {
      problems.push(
        problem(
          path,
          `tag keys must be at most ${TAG_LIMITS.keyLength} characters`,
        ),
      );
      continue;
    }
    if (text.length > TAG_LIMITS.valueLength) {
      problems.push(
        problem(
          path,
          `tag values must be at most ${TAG_LIMITS.valueLength} characters`,
        ),
      );
      continue;
    }
    if (!(key in tags)) count += 1;
    tags[key] = text;
  }
  if (count > TAG_LIMITS.count) {
    problems.push(
      problem(
        ['attributes'],
        `at most ${TAG_LIMITS.count} tag attributes per event, got ${count}; limit them with aiCost.push.tagKeys`,
      ),
    );
  }
  return count > 0 ? tags : null;
}

/**
 * An instant from an ISO 8601 date-time or epoch milliseconds, at most a day
 * in the future. `expected` describes the accepted forms in the problem.
 */
export function readInstant(
  value: string | number,
  path: FieldPath,
  now: Date,
  problems: EventProblem[],
  expected = 'an ISO 8601 date-time or epoch milliseconds',
): Date | undefined {
  const instant = parseTimestamp(value);
  if (!instant) {
    problems.push(problem(path, `${JSON.stringify(value)} is not ${expected}`));
    return undefined;
  }
  if (instant.getTime() > now.getTime() + MAX_FUTURE_MS) {
    problems.push(
      problem(
        path,
        `${instant.toISOString()} is more than a day in the future`,
      ),
    );
    return undefined;
  }
  return instant;
}

/** A cost amount in micro-units, from a JSON number or a decimal string. */
export function readAmount(
  value: unknown,
  path: FieldPath,
  problems: EventProblem[],
): number | undefined {
  try {
    const micros =
      typeof value === 'string'
        ? microsFromDecimalString(value)
        : microsFromNumber(value);
    if (micros < 0) {
      problems.push(problem(path, 'must not be negative'));
      return undefined;
    }
    return micros;
  } catch (error) {
    if (!(error instanceof MoneyParseError)) throw error;
    problems.push(
      problem(path, `${JSON.stringify(value)} is not a decimal number`),
    );
    return undefined;
  }
}

/** A JSON object given as an object or as a JSON string; undefined when absent. */
export function readJsonObject(
  value: unknown,
  path: FieldPath,
  problems: EventProblem[],
): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      problems.push(problem(path, 'is not valid JSON'));
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    problems.push(problem(path, 'must be a JSON object'));
    return undefined;
  }
  return parsed as Record<string, unknown>;
}
