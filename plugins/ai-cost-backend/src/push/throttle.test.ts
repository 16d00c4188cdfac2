import { TrailingThrottle } from './throttle';

describe('TrailingThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs once now and once after the interval for a burst, never concurrently', async () => {
    let now = 0;
    const runs: number[] = [];
    const throttle = new TrailingThrottle(
      async () => {
        runs.push(now);
      },
      60_000,
      () => {},
      () => now,
    );
    throttle.request();
    await jest.advanceTimersByTimeAsync(0);
    expect(runs).toEqual([0]);
    for (const t of [1_000, 2_000, 30_000]) {
      now = t;
      throttle.request();
      await jest.advanceTimersByTimeAsync(0);
    }
    expect(runs).toEqual([0]);
    now = 60_000;
    await jest.advanceTimersByTimeAsync(60_000);
    expect(runs).toEqual([0, 60_000]);
  });

  it('reports failures and keeps going', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const throttle = new TrailingThrottle(
      async () => {
        calls += 1;
        throw new Error('boom');
      },
      0,
      error => errors.push(error),
    );
    throttle.request();
    await jest.advanceTimersByTimeAsync(0);
    throttle.request();
    await jest.advanceTimersByTimeAsync(0);
    expect(calls).toBe(2);
    expect(errors).toHaveLength(2);
  });
});
