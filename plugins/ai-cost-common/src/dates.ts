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

/** The `YYYY-MM-DD` UTC day containing an instant. @public */
export function dayOf(instant: Date | number): string {
  return new Date(instant).toISOString().slice(0, 10);
}

/** The day `n` days after `day` (negative `n` goes back). @public */
export function addDays(day: string, n: number): string {
  return dayOf(dayToEpochMs(day) + n * MS_PER_DAY);
}

/** Number of days from `from` to `to`, both inclusive. @public */
export function daysInclusive(from: string, to: string): number {
  return Math.round((dayToEpochMs(to) - dayToEpochMs(from)) / MS_PER_DAY) + 1;
}

/** Every day from `from` to `to`, both inclusive. @public */
export function eachDay(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return days;
}
