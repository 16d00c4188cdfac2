import { formatDay } from './format';

/**
 * The first day of history when a period starting `from` starts before it
 * (so it is only partly covered), else undefined.
 */
export function historyGap(
  from: string,
  historyFrom: string | null | undefined,
): string | undefined {
  return historyFrom && from < historyFrom ? historyFrom : undefined;
}

/** `No history before Oct 1, 2026`. */
export function noHistoryBeforeLabel(historyFrom: string): string {
  return `No history before ${formatDay(historyFrom, { withYear: true })}`;
}

/** `data from Oct 1, 2026`: a window that starts before the history. */
export function dataFromLabel(historyFrom: string): string {
  return `data from ${formatDay(historyFrom, { withYear: true })}`;
}
