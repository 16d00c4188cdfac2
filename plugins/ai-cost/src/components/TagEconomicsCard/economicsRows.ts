import {
  csvLine,
  type RollupItem,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import { formatInteger } from '../../utils/format';
import { roundPartsToTotal } from '../../utils/roundParts';

/** The allocation tags the card measures, with how their values are named. */
export const ECONOMICS_TAGS = {
  customer: {
    tab: 'Customers',
    column: 'Customer',
    singular: 'customer',
    plural: 'customers',
  },
  feature: {
    tab: 'Features',
    column: 'Feature',
    singular: 'feature',
    plural: 'features',
  },
} as const;

/** @public */
export type EconomicsTag = keyof typeof ECONOMICS_TAGS;

/** One row of the table, and of its CSV. */
export type EconomicsRow = RollupItem & {
  id: string;
  /** The tag value, "No customer tag" or "12 other customers". */
  name: string;
  /** Cost rounded to cents so that the shown rows add up to the shown total. */
  shownCost: number;
  shownPreviousCost: number;
  /** Cost minus previous cost, what the trend column sorts by. */
  change: number;
};

/** The columns a row can be sorted by. */
export type EconomicsSortField =
  | 'name'
  | 'cost'
  | 'change'
  | 'metricValue'
  | 'unitCost'
  | 'margin'
  | 'marginPercent';

export type SortDirection = 'asc' | 'desc';

/** How the table is sorted: at first by cost, largest first. */
export type EconomicsOrder = {
  field: EconomicsSortField;
  direction: SortDirection;
};

export const DEFAULT_ORDER: EconomicsOrder = {
  field: 'cost',
  direction: 'desc',
};

/** `acme`, `No customer tag`, `12 other customers`. */
export function economicsItemLabel(
  tag: EconomicsTag,
  item: Pick<RollupItem, 'key' | 'otherValues'>,
): string {
  const names = ECONOMICS_TAGS[tag];
  if (item.key !== null) return item.key;
  if (item.otherValues) {
    return `${formatInteger(item.otherValues)} other ${
      item.otherValues === 1 ? names.singular : names.plural
    }`;
  }
  return `No ${names.singular} tag`;
}

/** The rows of a rollup, in the rollup's order, costs rounded to add up to its total. */
export function economicsRows(
  tag: EconomicsTag,
  rollup: RollupResponse,
): EconomicsRow[] {
  const costs = roundPartsToTotal(rollup.items.map(item => item.cost));
  const previous = roundPartsToTotal(
    rollup.items.map(item => item.previousCost),
  );
  return rollup.items.map((item, index) => {
    const name = economicsItemLabel(tag, item);
    return {
      ...item,
      id: item.key === null ? `(${name})` : item.key,
      name,
      shownCost: costs[index],
      shownPreviousCost: previous[index],
      change: item.cost - item.previousCost,
    };
  });
}

/** The sum of the shown costs, in whole cents: the total under the table. */
export function shownTotal(rows: EconomicsRow[]): number {
  return (
    rows.reduce((sum, row) => sum + Math.round(row.shownCost * 100), 0) / 100
  );
}

/**
 * Compares two rows by a field as Material Table's `customSort` does: the
 * table calls it with the rows swapped for descending order. Rows without a
 * value come last in both directions.
 */
export function compareRows(
  a: EconomicsRow,
  b: EconomicsRow,
  field: EconomicsSortField,
  direction: SortDirection = 'asc',
): number {
  const x = a[field] ?? null;
  const y = b[field] ?? null;
  if (x === null && y === null) return 0;
  if (x === null) return direction === 'desc' ? -1 : 1;
  if (y === null) return direction === 'desc' ? 1 : -1;
  if (typeof x === 'string' || typeof y === 'string') {
    return String(x).localeCompare(String(y), 'en-US');
  }
  return x - y;
}

/** The rows in the order the table shows them. */
export function sortRows(
  rows: EconomicsRow[],
  order: EconomicsOrder,
): EconomicsRow[] {
  const { field, direction } = order;
  return [...rows].sort((a, b) =>
    direction === 'desc'
      ? compareRows(b, a, field, 'desc')
      : compareRows(a, b, field, 'asc'),
  );
}

export const CSV_COLUMNS = [
  'key',
  'cost',
  'previous_cost',
  'metric_value',
  'unit_cost',
  'margin',
  'margin_percent',
] as const;

/**
 * The rows as CSV, in the given order: costs as shown (in cents, adding up
 * to the total under the table), metric values, unit costs and margins as
 * the API gave them, empty where there is none. CRLF line ends.
 */
export function economicsCsv(rows: EconomicsRow[]): string {
  const orEmpty = (value: number | null | undefined) => value ?? '';
  return [
    csvLine([...CSV_COLUMNS]),
    ...rows.map(row =>
      csvLine([
        row.name,
        row.shownCost.toFixed(2),
        row.shownPreviousCost.toFixed(2),
        orEmpty(row.metricValue),
        orEmpty(row.unitCost),
        orEmpty(row.margin),
        orEmpty(row.marginPercent),
      ]),
    ),
  ].join('');
}
