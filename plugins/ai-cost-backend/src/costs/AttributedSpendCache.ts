import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { emptyAmounts, sumAmountRows } from '../attribution/usageAmounts';
import type {
  AmountsRow,
  AttributedColumn,
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

const windowKey = (window: UsageWindow) => `${window.from}..${window.to}`;

/** All entities, or a digest of the list (a team's subtree is hundreds of refs). */
const refsKey = (refs?: string[]) =>
  refs === undefined
    ? '*'
    : `${refs.length}:${createHash('sha256')
        .update(refs.join('\n'))
        .digest('base64')}`;

type Row<K extends AttributedColumn> = AmountsRow<K> & OriginalCostSum;

/**
 * Answers of the attributed-spend queries page views repeat, kept per
 * source in a bounded least-recently-used cache of this process under the
 * source's version of attributed spend
 * ({@link AttributedSpendStore.attributedVersions}). A re-attribution
 * raises its source's version in the transaction that writes the spend, so
 * a source's answer is never read after its data changed, and a page view
 * reads again only the sources that changed: with a gateway pushing every
 * second, the provider sources ingested hourly still come from memory. The
 * versions live in the database, so replicas agree on them.
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
   * Attributed spend as it is now: reads the sources' versions once, then
   * answers each query from the cache for the sources it was asked of
   * under their current version before, and from the database for the
   * others. Cached rows are frozen: every request that reads them shares
   * them.
   */
  async reader(): Promise<AttributedSpendReader> {
    const store = this.#store;
    const answers = this.#answers;
    if (!answers) return store;
    const versions = await store.attributedVersions();
    return {
      historyStarts: () => store.historyStarts(),
      sumUnallocated: window => store.sumUnallocated(window),
      sumAttributed: async <K extends AttributedColumn>(options: {
        window: UsageWindow;
        entityRefs?: string[];
        sourceIds?: string[];
        groupBy: K[];
      }): Promise<Array<Row<K>>> => {
        const key = [
          windowKey(options.window),
          options.groupBy.join(','),
          refsKey(options.entityRefs),
        ].join('\n');
        const sources = options.sourceIds
          ? versions.filter(v => options.sourceIds!.includes(v.sourceId))
          : versions;
        const cacheKey = (v: { sourceId: string; version: number }) =>
          `${v.sourceId}@${v.version}\n${key}`;

        const rows: Array<Row<K | 'sourceId'>> = [];
        const missing: typeof sources = [];
        for (const source of sources) {
          const hit = answers.get(cacheKey(source));
          if (hit) rows.push(...(hit as Array<Row<K | 'sourceId'>>));
          else missing.push(source);
        }
        if (missing.length > 0) {
          const read = await store.sumAttributed({
            ...options,
            groupBy: [...new Set([...options.groupBy, 'sourceId' as const])],
            // Every source when none is cached: a source first attributed
            // since the versions were read is answered too, not cached.
            sourceIds:
              missing.length === versions.length && !options.sourceIds
                ? undefined
                : missing.map(source => source.sourceId),
          });
          const bySource = new Map<string, Array<Row<K | 'sourceId'>>>(
            missing.map(source => [source.sourceId, []]),
          );
          for (const row of read) {
            Object.freeze(row);
            bySource.get(row.sourceId)?.push(row);
          }
          for (const source of missing) {
            answers.set(
              cacheKey(source),
              Object.freeze(bySource.get(source.sourceId)!),
            );
          }
          rows.push(...read);
        }
        if ((options.groupBy as string[]).includes('sourceId')) {
          return rows as Array<Row<K>>;
        }
        const sums = sumAmountRows<K, Row<K>>(rows, options.groupBy);
        // Ungrouped, the store answers one row, zero without spend.
        return sums.length === 0 && options.groupBy.length === 0
          ? [emptyAmounts() as Row<K>]
          : sums;
      },
    };
  }
}
