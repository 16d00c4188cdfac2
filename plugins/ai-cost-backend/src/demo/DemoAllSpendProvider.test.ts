import { DemoAllSpendProvider } from './DemoAllSpendProvider';

describe('DemoAllSpendProvider', () => {
  it('gives a day the same records whatever window reads it', async () => {
    for (const kind of ['aws', 'kubernetes', 'expense'] as const) {
      const provider = new DemoAllSpendProvider(kind);
      const day = (records: Awaited<ReturnType<typeof provider.fetchUsage>>) =>
        records.filter(r => r.date === '2026-11-03');
      expect(
        day(
          await provider.fetchUsage({ from: '2026-11-03', to: '2026-11-03' }),
        ),
      ).toEqual(
        day(
          await provider.fetchUsage({ from: '2026-10-01', to: '2026-11-30' }),
        ),
      );
    }
  });

  it('reports GPU workloads as the OpenCost module does: labelled, by namespace, and idle', async () => {
    const records = await new DemoAllSpendProvider('kubernetes').fetchUsage({
      from: '2026-11-03',
      to: '2026-11-03',
    });
    expect(
      records.map(r => [r.projectId, r.accountId, r.costKind, r.currency]),
    ).toEqual([
      ['search-reranker', 'search', 'estimated', 'USD'],
      [null, 'ml-platform', 'estimated', 'USD'],
      [null, null, 'estimated', 'USD'],
    ]);
    expect(records.every(r => Number.isInteger(r.cost) && r.cost > 0)).toBe(
      true,
    );
  });

  it('expenses AI tools by e-mail, an unknown employee included, refunded in odd months', async () => {
    const provider = new DemoAllSpendProvider('expense');
    const november = await provider.fetchUsage({
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(
      november.map(r => [r.date, r.userId, r.tags?.vendor, r.cost]),
    ).toEqual([
      ['2026-11-03', 'alice@example.com', 'OpenAI', 20_000_000],
      ['2026-11-05', 'carol@example.com', 'Midjourney', 30_000_000],
      ['2026-11-09', 'bob@example.com', 'Cursor', 40_000_000],
      ['2026-11-12', 'guest@example.com', 'Perplexity', 20_000_000],
      ['2026-11-17', 'dan@example.com', 'Perplexity', 20_000_000],
      ['2026-11-21', 'carol@example.com', 'OpenAI', 20_000_000],
      ['2026-11-25', 'bob@example.com', 'Cursor', -40_000_000],
    ]);
    const december = await provider.fetchUsage({
      from: '2026-12-25',
      to: '2026-12-25',
    });
    expect(december).toEqual([]);
  });
});
