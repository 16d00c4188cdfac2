import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AttributedColumn, AttributedSpendStore } from '../database';

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

/**
 * Answers of the attributed-spend queries page views repeat, kept in a
 * bounded least-recently-used cache of this process under the version of
 * all attributed spend ({@link AttributedSpendStore.attributedVersion}).
 * The version lives in the database, so replicas agree on it, and a
 * re-attribution of any source changes it in the transaction that writes
 * the spend: an answer is never read after the data it summed changed.
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
   * Attributed spend as it is now: reads the version once, then answers
   * each query from the cache when it was asked under that version before.
   * Cached rows are frozen: they are shared by every request that reads them.
   */
  async reader(): Promise<AttributedSpendReader> {
    const store = this.#store;
    const answers = this.#answers;
    if (!answers) return store;
    const version = await store.attributedVersion();
    const cached = async <T extends object>(
      key: string,
      query: () => Promise<T[]>,
    ): Promise<T[]> => {
      const versioned = `${version}\n${key}`;
      const hit = answers.get(versioned);
      if (hit) return hit as T[];
      const rows = await query();
      for (const row of rows) Object.freeze(row);
      answers.set(versioned, Object.freeze(rows));
      return rows;
    };
    return {
      historyStarts: () => store.historyStarts(),
      sumAttributed: <K extends AttributedColumn>(options: {
        window: UsageWindow;
        entityRefs?: string[];
        groupBy: K[];
      }) =>
        cached(
          [
            'sumAttributed',
            windowKey(options.window),
            options.groupBy.join(','),
            refsKey(options.entityRefs),
          ].join('\n'),
          () => store.sumAttributed(options),
        ),
      sumUnallocated: (window: UsageWindow) =>
        cached(['sumUnallocated', windowKey(window)].join('\n'), () =>
          store.sumUnallocated(window),
        ),
    };
  }
}
