import { formatMoney } from '@ai-cost/plugin-ai-cost-common';
import type { DigestPeriod } from './digestPeriod';

/** "Nov 23" for 2026-11-23. */
export function readableDay(day: string): string {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** "November 2026" for a month starting on `firstDay`. */
function monthName(firstDay: string): string {
  return new Date(`${firstDay}T00:00:00Z`).toLocaleDateString('en-US', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "the week of Nov 23 – Nov 29, 2026" or "November 2026". */
export function periodName(period: {
  unit: DigestPeriod['unit'];
  from: string;
  to: string;
}): string {
  return period.unit === 'week'
    ? `the week of ${readableDay(period.from)} – ${readableDay(
        period.to,
      )}, ${period.to.slice(0, 4)}`
    : monthName(period.from);
}

/** "12.5%" of a fraction, one decimal. */
export function percent(fraction: number): string {
  return `${(Math.round(fraction * 1000) / 10).toFixed(1)}%`;
}

/** Money in micro-units, formatted in the reporting currency. */
export type MoneyFormat = (micros: number) => string;

export function moneyFormat(currency: string): MoneyFormat {
  return micros => formatMoney(micros, currency);
}

/** "up 12.5% from $109.73 the week before" and its kin. */
export function changeText(
  spend: number,
  previous: number,
  period: DigestPeriod,
  money: MoneyFormat,
): string {
  const before =
    period.unit === 'week'
      ? 'the week before'
      : `in ${periodName({ unit: 'month', ...period.previous })}`;
  if (previous === 0) {
    return spend === 0
      ? `nothing ${before} either`
      : `up from nothing ${before}`;
  }
  if (spend === previous) return `unchanged from ${money(previous)} ${before}`;
  const change = (spend - previous) / previous;
  return `${change > 0 ? 'up' : 'down'} ${percent(
    Math.abs(change),
  )} from ${money(previous)} ${before}`;
}
