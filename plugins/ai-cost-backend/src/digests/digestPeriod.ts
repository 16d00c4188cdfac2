import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { DigestKind } from '../database';

/** A complete week (Monday to Sunday) or calendar month a digest covers, UTC days inclusive. */
export interface DigestPeriod {
  unit: 'week' | 'month';
  from: string;
  to: string;
  /** The period before, of the same unit. */
  previous: { from: string; to: string };
}

/** The unit of a digest: leadership reports are monthly. */
export function digestUnit(kind: DigestKind): DigestPeriod['unit'] {
  return kind === 'weekly' ? 'week' : 'month';
}

function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function monthBefore(firstOfMonth: string): { from: string; to: string } {
  const to = addDays(firstOfMonth, -1);
  return { from: `${to.slice(0, 7)}-01`, to };
}

/** The last complete week or month before `today`. */
export function lastCompletePeriod(
  unit: DigestPeriod['unit'],
  today: string,
): DigestPeriod {
  if (unit === 'week') {
    const monday = addDays(today, -((weekday(today) + 6) % 7));
    const from = addDays(monday, -7);
    return {
      unit,
      from,
      to: addDays(monday, -1),
      previous: { from: addDays(from, -7), to: addDays(from, -1) },
    };
  }
  const current = monthBefore(`${today.slice(0, 7)}-01`);
  return { unit, ...current, previous: monthBefore(current.from) };
}

/** Whether the scheduled digest goes out on `today`: weekly ones on Mondays, monthly ones on the 1st. */
export function isSendDay(unit: DigestPeriod['unit'], today: string): boolean {
  return unit === 'week' ? weekday(today) === 1 : today.endsWith('-01');
}
