/**
 * Runs a task in the background at most once per interval, and always once
 * more after the last request: a burst of pushes triggers one run now and
 * one when the interval is over, never one per push and never two at once.
 */
export class TrailingThrottle {
  #lastStart = Number.NEGATIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running: Promise<void> = Promise.resolve();

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {}

  /** Asks for a run; returns at once. */
  request(): void {
    if (this.#timer) return;
    const wait = Math.max(0, this.#lastStart + this.intervalMs - this.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#lastStart = this.now();
      this.#running = this.#running
        .then(() => this.task())
        .catch(error => this.onError(error));
    }, wait);
    this.#timer.unref?.();
  }

  /** Resolves when the runs requested so far are done (for tests and shutdown). */
  async settled(): Promise<void> {
    while (this.#timer) {
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    await this.#running;
  }
}
