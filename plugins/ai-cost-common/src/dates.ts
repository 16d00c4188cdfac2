/** Helpers for the `YYYY-MM-DD` UTC days the API speaks in. */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** True when `value` is a real calendar day written as `YYYY-MM-DD`. @public */
export function isIsoDay(value: string): boolean {
  const match = DAY.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.toISOString().slice(0, 10) === value;
}

/** Milliseconds since the epoch at the start of a `YYYY-MM-DD` UTC day. @public */
export function dayToEpochMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

/**
 * The `YYYY-MM-DD` UTC day containing an instant. Throws a RangeError past
 * 9999-12-31, where ISO writes `+010000-…`: such a "day" would sort before
 * every real one and never end a loop.
 * @public
 */
export function dayOf(instant: Date | number): string {
  const day = new Date(instant).toISOString().slice(0, 10);
  if (!DAY.test(day)) {
    throw new RangeError(
      `${new Date(instant).toISOString()} is past 9999-12-31`,
    );
  }
  return day;
}

/** The day `n` days after `day` (negative `n` goes back). @public */
export function addDays(day: string, n: number): string {
  return dayOf(dayToEpochMs(day) + n * MS_PER_DAY);
}

/** Number of days from `from` to `to`, both inclusive. @public */
export function daysInclusive(from: string, to: string): number {
  return Math.round((dayToEpochMs(to) - dayToEpochMs(from)) / MS_PER_DAY) + 1;
}

/**
 * Every day from `from` to `to`, both inclusive. Counts days rather than
 * comparing strings: past 9999-12-31 a day is written `+010000-…` and would
 * sort before the end forever.
 * @public
 */
export function eachDay(from: string, to: string): string[] {
  const count = daysInclusive(from, to);
  if (!Number.isFinite(count)) {
    throw new RangeError(`Not a range of days: ${from} to ${to}`);
  }
  return Array.from({ length: Math.max(0, count) }, (_, i) => addDays(from, i));
}
