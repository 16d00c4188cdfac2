import type { CSSProperties } from 'react';

/*
 * Cell styles for table columns. Each call returns a new object: Backstage's
 * Table writes into the style of highlighted columns.
 */

/** Money and counts: never wrapped ("$5,625.4 / 9"), digits aligned. */
export function moneyCell(): CSSProperties {
  return { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' };
}

/**
 * Names: at least `minWidth` wide and broken between words only, never
 * inside one ("Assista nt"); `noWrap` keeps ids such as `claude-sonnet-4-5`
 * on one line.
 */
export function nameCell(
  options: { minWidth?: number; noWrap?: boolean } = {},
): CSSProperties {
  return {
    minWidth: options.minWidth ?? 160,
    wordBreak: 'normal',
    overflowWrap: 'normal',
    ...(options.noWrap ? { whiteSpace: 'nowrap' } : {}),
  };
}
