import { isIsoDay } from '@ai-cost/plugin-ai-cost-common';

/**
 * ISO 8601 date or date-time: `2026-11-01`, `2026-11-01T10:00:00Z`,
 * `2026-11-01 10:00:00.123456`, `2026-11-01T10:00:00+02:00`. Any number of
 * fractional second digits (Azure writes seven). No offset means UTC, as
 * FOCUS and LiteLLM's naive timestamps intend.
 */
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Epoch milliseconds accepted for numeric timestamps: 2000-01-01 .. 2100-01-01. */
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2100, 0, 1);

function offsetMinutes(offset: string | undefined): number {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset[0] === '-' ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
  return sign * (hours * 60 + minutes);
}

/**
 * Parses an ISO 8601 date or date-time (see above) or epoch milliseconds
 * into an instant; undefined when the value is not one.
 */
export function parseTimestamp(value: string | number): Date | undefined {
  if (typeof value === 'number') {
    if (
      !Number.isFinite(value) ||
      value < MIN_EPOCH_MS ||
      value >= MAX_EPOCH_MS
    ) {
      return undefined;
    }
    return new Date(value);
  }
  const match = ISO_DATE_TIME.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', offset] = match;
  if (!isIsoDay(`${y}-${mo}-${d}`)) return undefined;
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
  const ms = Number(fraction.slice(0, 3).padEnd(3, '0'));
  const utc =
    Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi)) +
    Number(s) * 1000 +
    ms -
    offsetMinutes(offset) * 60_000;
  const result = new Date(utc);
  return Number.isNaN(result.getTime()) ? undefined : result;
}
