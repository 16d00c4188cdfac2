import { createHash } from 'node:crypto';
import { usageRecordKey } from './recordKey';

describe('usageRecordKey', () => {
  it('hashes the dimensions in the order stored keys were made with', () => {
    // Changing this order would orphan every stored row: keep it stable.
    const json =
      '["2026-11-02",null,null,"proj_a","",null,null,null,null,[["a","1"],["b","2"]],"gpt-4o",null]';
    expect(
      usageRecordKey({
        date: '2026-11-02',
        projectId: 'proj_a',
        resourceId: '',
        tags: { b: '2', a: '1' },
        model: 'gpt-4o',
        cost: 1,
        currency: 'USD',
        costKind: 'billed',
      }),
    ).toBe(createHash('sha256').update(json).digest('hex'));
  });
});
