import { AttributionRounds } from './AttributionRounds';

/** A re-attribution that ends when the test says so. */
function controlled() {
  const calls: Array<{ sourceId: string; days: string[] }> = [];
  const ends: Array<(error?: Error) => void> = [];
  const rounds = new AttributionRounds(
    (sourceId, days) =>
      new Promise<void>((resolve, reject) => {
        calls.push({ sourceId, days });
        ends.push(error => (error ? reject(error) : resolve()));
      }),
  );
  return { rounds, calls, ends };
}

const tick = () => new Promise(resolve => setImmediate(resolve));

describe('AttributionRounds', () => {
  it('runs the requests made during a round as one next round over all their days', async () => {
    const { rounds, calls, ends } = controlled();
    const first = rounds.request('gw', ['2026-11-02']);
    await tick();
    expect(calls).toEqual([{ sourceId: 'gw', days: ['2026-11-02'] }]);

    let secondDone = false;
    const second = rounds
      .request('gw', ['2026-11-02'])
      .then(() => (secondDone = true));
    const third = rounds.request('gw', ['2026-11-01', '2026-11-02']);
    // Another source is not held back by this one.
    const other = rounds.request('other', ['2026-11-02']);
    await tick();
    expect(calls).toEqual([
      { sourceId: 'gw', days: ['2026-11-02'] },
      { sourceId: 'other', days: ['2026-11-02'] },
    ]);

    ends[0]();
    await first;
    await tick();
    // The second request waits for a round that started after it.
    expect(secondDone).toBe(false);
    expect(calls[2]).toEqual({
      sourceId: 'gw',
      days: ['2026-11-01', '2026-11-02'],
    });
    ends[2]();
    ends[1]();
    await Promise.all([second, third, other]);
    expect(calls).toHaveLength(3);
  });

  it('fails only the requests of a failed round; the next round runs', async () => {
    const { rounds, calls, ends } = controlled();
    const failed = rounds.request('gw', ['2026-11-01']);
    await tick();
    const next = rounds.request('gw', ['2026-11-02']);
    ends[0](new Error('lock timeout'));
    await expect(failed).rejects.toThrow('lock timeout');
    await tick();
    expect(calls[1]).toEqual({ sourceId: 'gw', days: ['2026-11-02'] });
    ends[1]();
    await expect(next).resolves.toBeUndefined();
  });

  it('starts a round after the stores of the source under way, whose batches join it', async () => {
    const { rounds, calls, ends } = controlled();
    let endStore!: () => void;
    const store = rounds.storing(
      'gw',
      new Promise<void>(resolve => (endStore = resolve)),
    );
    const first = rounds.request('gw', ['2026-11-01']);
    await tick();
    expect(calls).toEqual([]);
    endStore();
    await store;
    const second = rounds.request('gw', ['2026-11-02']);
    await tick();
    expect(calls).toEqual([
      { sourceId: 'gw', days: ['2026-11-01', '2026-11-02'] },
    ]);
    ends[0]();
    await Promise.all([first, second]);
  });
});
