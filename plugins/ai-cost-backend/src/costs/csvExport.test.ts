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
            apiKeyId: '',
            splitRuleId: 'shared-key',
            allocationTags: '{"environment":"production"}',
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
      tagKeys: ['environment', 'customer'],
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
    expect(chunks[0]).toBe(
      'date,entity_ref,owner,system,domain,provider,model,api_key_id,cost,estimated_cost,currency,input_tokens,cached_input_tokens,cache_write_tokens,output_tokens,requests,unallocated_dimension,unallocated_value,split_rule,original_cost,original_currency,tag_environment,tag_customer\r\n',
    );
    expect(chunks[2]).toBe(
      // date, entity, owner, system, domain, provider, model, api key, cost, ...,
      // split rule, original cost and currency (not converted: empty) and
      // one column per allocation tag
      '2026-11-08,component:default/a,,,,openai,gpt-4o,,1.000000,0.000000,USD,1,0,0,0,1,,,shared-key,,,production,\r\n',
    );
  });
});
