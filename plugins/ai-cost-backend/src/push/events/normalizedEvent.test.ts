import { contentHash, uncachedInput } from './normalizedEvent';

describe('uncachedInput', () => {
  it('subtracts cache counts from an inclusive total, keeps an exclusive one', () => {
    expect(uncachedInput(1200, 200, 100)).toBe(900);
    expect(uncachedInput(300, 200, 100)).toBe(0);
    expect(uncachedInput(100, 200, 50)).toBe(100);
  });
});

describe('contentHash', () => {
  it('is the sha256 of the canonical JSON that stored events were hashed with', () => {
    // Pinned: a different hash would make re-sent events conflict.
    expect(
      contentHash({
        timestamp: '2026-11-01T10:00:00Z',
        id: 'evt-1',
        attributes: {
          team: 'search',
          'gen_ai.usage.input_tokens': 1200,
          regions: ['eu', 2, null, true],
          skipped: undefined,
        },
        cost: { currency: 'USD', amount: '0.5' },
      }),
    ).toBe('b58e13da7d68436fee0752f694e753fea7517a13ed478e82d9a5e22310818969');
  });
});
