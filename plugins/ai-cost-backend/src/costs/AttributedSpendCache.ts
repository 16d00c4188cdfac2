import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { emptyAmounts, sumAmountRows } from '../attribution/usageAmounts';
import { monthSegments } from '../database/monthSegments';
import type {
  AmountsRow,
  AttributedColumn,
  AttributedVersion,
  AttributedSpendStore,
  OriginalCostSum,
} from '../database';

/** What a page view reads of attributed spend. */
export type AttributedSpendReader = Pick<
  AttributedSpendStore,
  'sumAttributed' | 'sumUnallocated' | 'historyStarts'
>;

/**
 * What one cached row is counted as: a flat object of a dozen amounts and
 * a few short strings takes 300–500 bytes of V8 heap.
 */
const BYTES_PER_ROW = 400;

/** All entities, or a digest of the list (a team's subtree is hundreds of refs). */
const refsKey = (refs?: string[]) =>
  refs === undefined
    ? '*'
    : `${refs.length}:${createHash('sha256')
        .update(refs.join('\n'))
        .digest('base64')}`;

type Row<K extends AttributedColumn> = AmountsRow<K> & OriginalCostSum;

/**
 * The spans a window's answer is cached in: the months before its last
 * month, and the last month; or, once some days were re-attributed alone
 * on the window's last day (a push's today), the last month but its last
 * day and the last day, so that each push reads only that day again. A
 * portal without pushes reads the last month in one query.
 */
function cachedSpans(
  window: UsageWindow,
  versions: readonly AttributedVersion[],
): UsageWindow[] {
  const segments = monthSegments(window);
  const last = segments[segments.length - 1];
  const lastDayApart =
    last.from < last.to && versions.some(v => v.day === last.to);
  return [
    ...(segments.length > 1
      ? [{ from: window.from, to: addDays(last.from, -1) }]
      : []),
    ...(lastDayApart
      ? [
          { from: last.from, to: addDays(last.to, -1) },
          { from: last.to, to: last.to },
        ]
      : [{ from: last.from, to: last.to }]),
  ];
}

/** The columns but the billed currency (its queries read original costs). */
type DayColumn = Exclude<AttributedColumn, 'originalCurrency'>;

/**
 * A single day's spend is read by every column once for all of a page
 * view's queries, which sum it their way: on PostgreSQL a query costs an
 * index descent per entity of the team, whatever span it reads.
 */
const DAY_COLUMNS: DayColumn[] = [
  'entityRef',
  'date',
  'sourceId',
  'provider',
  'model',
  'modelProvider',
  'category',
  'apiKeyId',
  'allocationTags',
  'splitRuleId',
  'splitMethod',
];

/** `push(...items)` without an argument per item (answers may be long). */
function addAll<T>(target: T[], items: readonly T[]) {
  for (const item of items) target.push(item);
}

/**
 * Answers of the attributed-spend queries page views repeat, kept in a
 * bounded least-recently-used cache of this process in parts: per source,
 * its spend of the window's last month (apart from its last day once a
 * push re-attributed that day) and of the months before it. Each part is
 * kept under the source's versions of its attributed spend of those months
 * and days ({@link AttributedSpendStore.attributedVersions}), which a
 * re-attribution raises in the transaction that writes them, so a part is
 * never read after its spend changed. A page view reads again only the
 * parts that changed: with a gateway pushing every second, the gateway's
 * last day. The versions live in the database, so replicas agree on them.
 *
 * Backstage's `coreServices.cache` is not used: its memory store is a map
 * that frees an expired key only when the key is read again, and keys that
 * change with every data version are never read again.
 */
export class AttributedSpendCache {
  readonly #store: AttributedSpendStore;
  readonly #answers?: LRUCache<string, readonly object[]>;

  /** @param options.maxBytes - about how much heap answers may take; 0 caches nothing. */
  constructor(store: AttributedSpendStore, options: { maxBytes: number }) {
    this.#store = store;
    if (options.maxBytes > 0) {
      this.#answers = new LRUCache<string, readonly object[]>({
        maxSize: options.maxBytes,
        sizeCalculation: rows => BYTES_PER_ROW * Math.max(1, rows.length),
      });
    }
  }

  /**
   * Attributed spend as it is now: reads the versions once, then answers
   * each query from the parts cached under them and, with a query per
   * span of the window at most, the parts that are not.
   * Cached rows are frozen: requests share them.
   */
  async reader(): Promise<AttributedSpendReader> {
    const store = this.#store;
    const answers = this.#answers;
    if (!answers) return store;
    const versions = await store.attributedVersions();
    // A day's spend by every column, read once for all queries of this
    // reader (a page view's breakdowns) that miss the same day's parts.
    const dayDetails = new Map<string, Promise<Array<Row<DayColumn>>>>();
    const dayDetail = (query: {
      window: UsageWindow;
      entityRefs?: string[];
      sourceIds?: string[];
    }) => {
      const key = [
        query.window.from,
        refsKey(query.entityRefs),
        query.sourceIds?.join(',') ?? '*',
      ].join('\n');
      let detail = dayDetails.get(key);
      if (!detail) {
        detail = store.sumAttributed({ ...query, groupBy: DAY_COLUMNS });
        dayDetails.set(key, detail);
      }
      return detail;
    };
    return {
      historyStarts: () => store.historyStarts(),
      sumUnallocated: window => store.sumUnallocated(window),
      sumAttributed: async <K extends AttributedColumn>(options: {
        window: UsageWindow;
        entityRefs?: string[];
        sourceIds?: string[];
        groupBy: K[];
      }): Promise<Array<Row<K>>> => {
        const query = [options.groupBy.join(','), refsKey(options.entityRefs)];
        const spans = cachedSpans(options.window, versions);

        const rows: Array<Row<K>> = [];
        const reads = spans.map(async span => {
          // Each source's versions of the span's months and days: its key.
          const bySource = new Map<string, string[]>();
          for (const v of versions) {
            const inSpan = v.day
              ? v.day >= span.from && v.day <= span.to
              : v.month >= span.from.slice(0, 7) &&
                v.month <= span.to.slice(0, 7);
            if (!inSpan) continue;
            if (options.sourceIds && !options.sourceIds.includes(v.sourceId))
              continue;
            const periods = bySource.get(v.sourceId) ?? [];
            periods.push(`${v.day ?? v.month}:${v.version}`);
            bySource.set(v.sourceId, periods);
          }
          const keyOf = (sourceId: string) =>
            [
              `${sourceId}@${bySource.get(sourceId)!.join(',')}`,
              `${span.from}..${span.to}`,
              ...query,
            ].join('\n');
          const missing: string[] = [];
          for (const sourceId of bySource.keys()) {
            const hit = answers.get(keyOf(sourceId));
            if (hit) addAll(rows, hit as Array<Row<K>>);
            else missing.push(sourceId);
          }
          if (missing.length === 0) return;
          const spanQuery = {
            window: span,
            entityRefs: options.entityRefs,
            // No filter when every source is read: SQLite would pick the
            // (source_id, date) index over the entities' for it. Rows of a
            // source first attributed since the versions were read are
            // left out, as they were then.
            sourceIds:
              missing.length === bySource.size && !options.sourceIds
                ? undefined
                : missing,
          };
          const groupBy = [
            ...new Set<K | 'sourceId'>([...options.groupBy, 'sourceId']),
          ];
          const oneDay =
            span.from === span.to &&
            !(groupBy as AttributedColumn[]).includes('originalCurrency');
          const read = oneDay
            ? sumAmountRows(
                (await dayDetail(spanQuery)) as unknown as Array<
                  Row<K | 'sourceId'>
                >,
                groupBy,
              )
            : await store.sumAttributed({ ...spanQuery, groupBy });
          const parts = new Map(missing.map(id => [id, [] as Array<Row<K>>]));
          for (const row of read) {
            parts.get(row.sourceId)?.push(Object.freeze(row));
          }
          for (const [sourceId, partRows] of parts) {
            answers.set(keyOf(sourceId), Object.freeze(partRows));
            addAll(rows, partRows);
          }
        });
        await Promise.all(reads);
        const sums = sumAmountRows<K, Row<K>>(rows, options.groupBy);
        // Ungrouped, the store answers one row, zero without spend.
        return sums.length === 0 && options.groupBy.length === 0
          ? [emptyAmounts() as Row<K>]
          : sums;
      },
    };
  }
}
