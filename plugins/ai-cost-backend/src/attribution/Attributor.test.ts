import { mockServices } from '@backstage/backend-test-utils';
import type { AttributionStore } from '../database';
import { Attributor } from './Attributor';
import type { CatalogIndexReader } from './CatalogIndex';

/**
 * An attributor on a store with three sources whose `attributeSource`
 * records each (source, window) and how many ran at once.
 */
function attributorOn(options: { concurrency: number; failOn?: string }) {
  const calls: string[] = [];
  let running = 0;
  let mostAtOnce = 0;
  const store = {
    reattributeConcurrency: options.concurrency,
    usageSpans: async () => [
      {
        sourceId: 'a',
        provider: 'openai',
        from: '2026-01-01',
        to: '2026-02-15',
      },
      {
        sourceId: 'b',
        provider: 'openai',
        from: '2026-01-10',
        to: '2026-01-20',
      },
      { sourceId: 'c', provider: 'aws', from: '2026-03-01', to: '2026-05-31' },
    ],
  } as unknown as AttributionStore;
  const attributor = new Attributor({
    store,
    index: {} as CatalogIndexReader,
    logger: mockServices.logger.mock(),
    allocationPolicy: async () => {
      throw new Error('not asked: attributeSource is replaced');
    },
    splitMetrics: async () => {
      throw new Error('not asked: attributeSource is replaced');
    },
  });
  jest
    .spyOn(attributor, 'attributeSource')
    .mockImplementation(async (sourceId, window) => {
      const call = `${sourceId} ${window.from}..${window.to}`;
      calls.push(call);
      running += 1;
      mostAtOnce = Math.max(mostAtOnce, running);
      // The failing month fails before the others finish theirs.
      const ms = call === options.failOn ? 1 : 10;
      await new Promise(resolve => setTimeout(resolve, ms));
      running -= 1;
      if (call === options.failOn) throw new Error(`writing ${call} failed`);
      return { attributedRows: 1, unallocatedRows: 0 };
    });
  return { attributor, calls, mostAtOnce: () => mostAtOnce };
}

describe('Attributor.reattribute', () => {
  const allChunks = [
    'a 2026-01-01..2026-01-31',
    'a 2026-02-01..2026-02-15',
    'b 2026-01-10..2026-01-20',
    'c 2026-03-01..2026-03-31',
    'c 2026-04-01..2026-05-01',
    'c 2026-05-02..2026-05-31',
  ];

  it('re-attributes every month of every source once, one at a time on a single-writer store', async () => {
    const fake = attributorOn({ concurrency: 1 });
    await fake.attributor.reattribute();
    expect(fake.calls).toEqual(allChunks);
    expect(fake.mostAtOnce()).toBe(1);
  });

  it('runs as many sources side by side as the store serves', async () => {
    const fake = attributorOn({ concurrency: 2 });
    await fake.attributor.reattribute();
    expect([...fake.calls].sort()).toEqual(allChunks);
    expect(fake.mostAtOnce()).toBe(2);
  });

  it('stops the other sources after a failure and throws it once they stopped', async () => {
    const fake = attributorOn({
      concurrency: 3,
      failOn: 'b 2026-01-10..2026-01-20',
    });
    await expect(fake.attributor.reattribute()).rejects.toThrow(
      'writing b 2026-01-10..2026-01-20 failed',
    );
    // Source a and c were in flight with b: they finish their month, start no other.
    expect([...fake.calls].sort()).toEqual([
      'a 2026-01-01..2026-01-31',
      'b 2026-01-10..2026-01-20',
      'c 2026-03-01..2026-03-31',
    ]);
  });
});
