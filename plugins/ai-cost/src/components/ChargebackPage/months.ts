/** How many months before the current one the month picker offers. */
const MONTHS_BACK = 12;

/** The UTC month of a date, `YYYY-MM`. */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** The month `count` months after `month` (before it when negative). */
export function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number);
  return monthOf(new Date(Date.UTC(year, monthNumber - 1 + count, 1)));
}

/** The current UTC month and the twelve before it, newest first. */
export function recentMonths(now: Date): string[] {
  const current = monthOf(now);
  return Array.from({ length: MONTHS_BACK + 1 }, (_, i) =>
    addMonths(current, -i),
  );
}

/** The month a statement is shown for by default: the last one that ended. */
export function defaultMonth(now: Date): string {
  return addMonths(monthOf(now), -1);
}

const labelFormat = new Intl.DateTimeFormat('en-US', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `2026-10` → `October 2026`. */
export function monthLabel(month: string): string {
  return labelFormat.format(new Date(`${month}-01T00:00:00Z`));
}
