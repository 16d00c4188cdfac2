/** The next re-attribution of a source: the days asked for until it starts. */
interface Round {
  days: Set<string>;
  done: Promise<void>;
}

/**
 * Re-attributions of pushed sources, coalesced per source. A request waits
 * for a round that starts after it was made, so whatever was stored before
 * the request is attributed when it resolves. Every request made while a
 * round runs joins the next round, which starts when that one has ended and
 * the stores of the source under way when it was asked for have too (their
 * batches join it rather than need a round of their own), and covers all of
 * their days. With several batches of one gateway in flight the source is
 * re-attributed about once per round of stores instead of once per batch
 * (docs/benchmarks.md, push ingest).
 */
export class AttributionRounds {
  /** The last round of each source, settled or not; it never rejects. */
  readonly #last = new Map<string, Promise<void>>();
  /** The round of each source not yet started, which new requests join. */
  readonly #next = new Map<string, Round>();
  /** Stores of each source under way (settled or not; never rejecting). */
  readonly #storing = new Map<string, Set<Promise<void>>>();

  constructor(
    private readonly attribute: (
      sourceId: string,
      days: string[],
    ) => Promise<void>,
  ) {}

  /** Re-attributes the days of the source, in a round shared with others. */
  request(sourceId: string, days: string[]): Promise<void> {
    const waiting = this.#next.get(sourceId);
    if (waiting) {
      for (const day of days) waiting.days.add(day);
      return waiting.done;
    }
    // After the last round, and after the stores under way now, whose
    // batches then join this round instead of needing one of their own.
    const previous = Promise.all([
      this.#last.get(sourceId),
      ...(this.#storing.get(sourceId) ?? []),
    ]);
    const asked = new Set(days);
    const done = previous.then(() => {
      // Started: later requests wait for the next round.
      this.#next.delete(sourceId);
      return this.attribute(sourceId, [...asked].sort());
    });
    this.#next.set(sourceId, { days: asked, done });
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.#last.set(sourceId, settled);
    settled.then(() => {
      if (this.#last.get(sourceId) === settled) this.#last.delete(sourceId);
    });
    return done;
  }

  /** Runs a store of the source: a round made meanwhile waits for it. */
  async storing<T>(sourceId: string, store: Promise<T>): Promise<T> {
    const stores = this.#storing.get(sourceId) ?? new Set<Promise<void>>();
    this.#storing.set(sourceId, stores);
    const settled = store.then(
      () => undefined,
      () => undefined,
    );
    stores.add(settled);
    try {
      return await store;
    } finally {
      stores.delete(settled);
      if (stores.size === 0) this.#storing.delete(sourceId);
    }
  }
}
