import { collectUsagePages } from './AiCostProvider';
import type { UsageRecord } from './UsageRecord';
import { windowSlices } from './windowSlices';

describe('windowSlices', () => {
  it('cuts a window into consecutive slices, the last one shorter', () => {
    expect(windowSlices({ from: '2026-02-20', to: '2026-03-08' }, 7)).toEqual([
      { from: '2026-02-20', to: '2026-02-26' },
      { from: '2026-02-27', to: '2026-03-05' },
      { from: '2026-03-06', to: '2026-03-08' },
    ]);
  });

  it('keeps a window shorter than a slice whole', () => {
    expect(windowSlices({ from: '2026-03-01', to: '2026-03-01' }, 7)).toEqual([
      { from: '2026-03-01', to: '2026-03-01' },
    ]);
  });

  it('refuses a slice length that is not a positive integer', () => {
    expect(() =>
      windowSlices({ from: '2026-03-01', to: '2026-03-02' }, 0),
    ).toThrow('windowSlices: days must be a positive integer, got 0');
  });
});

describe('collectUsagePages', () => {
  it('concatenates every page in order', async () => {
    const record = (date: string): UsageRecord => ({
      date,
      cost: 1,
      currency: 'USD',
      costKind: 'billed',
    });
    async function* pages() {
      yield [record('2026-03-01'), record('2026-03-02')];
      yield [];
      yield [record('2026-03-03')];
    }
    expect((await collectUsagePages(pages())).map(r => r.date)).toEqual([
      '2026-03-01',
      '2026-03-02',
      '2026-03-03',
    ]);
  });
});
