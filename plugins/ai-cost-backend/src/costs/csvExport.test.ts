import { EntityGraph } from '../attribution/EntityGraph';
import type { AttributionStore } from '../database';
import { exportCsv } from './csvExport';

describe('exportCsv', () => {
  it('reads and writes a long window a week at a time', async () => {
    const windows: string[] = [];
    const store = {
      sumAttributed: async ({ window }: any) => {
        windows.push(`${window.from}..${window.to}`);
        return [
          {
            date: window.from,
            entityRef: 'component:default/a',
            provider: 'openai',
            model: 'gpt-4o',
            cost: 1_000_000,
            estimatedOnly: 0,
            inputTokens: 1,
            cachedInputTokens: 0,
            cacheWriteTokens: 0,
            outputTokens: 0,
            reasoningTokens: 0,
            requests: 1,
          },
        ];
      },
      sumUnallocatedDaily: async () => [],
    } as unknown as AttributionStore;
    const lines = await exportCsv({
      store,
      graph: new EntityGraph([]),
      currency: 'USD',
      window: { from: '2026-11-01', to: '2026-11-16' },
    });
    expect(windows).toEqual([]);
    const chunks: string[] = [];
    for await (const chunk of lines) chunks.push(chunk);
    expect(windows).toEqual([
      '2026-11-01..2026-11-07',
      '2026-11-08..2026-11-14',
      '2026-11-15..2026-11-16',
    ]);
    expect(chunks).toHaveLength(4);
    expect(chunks[2]).toBe(
      // date, entity, owner, system, domain, provider, model, api key, cost, ...
      '2026-11-08,component:default/a,,,,openai,gpt-4o,,1.000000,0.000000,USD,1,0,0,0,1,,\r\n',
    );
  });
});
