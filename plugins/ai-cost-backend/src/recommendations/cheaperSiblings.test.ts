import { GenaiPricesPricingService } from '../pricing/GenaiPricesPricingService';
import { CHEAPER_SIBLINGS, cheaperSiblingOf } from './cheaperSiblings';

describe('CHEAPER_SIBLINGS', () => {
  const pricing = new GenaiPricesPricingService();
  /** 1,000 short calls: 600 input and 100 output tokens each. */
  const usage = {
    date: '2026-11-01',
    inputTokens: 600_000,
    outputTokens: 100_000,
    requests: 1_000,
  };

  it.each(
    CHEAPER_SIBLINGS.flatMap(rule =>
      rule.providers.map(provider => [provider, rule.example, rule.cheaper]),
    ),
  )(
    '%s %s → %s: both priced by genai-prices and the sibling is cheaper',
    (provider, premium, cheaper) => {
      expect(cheaperSiblingOf(provider, premium)).toBe(cheaper);
      const a = pricing.price({ ...usage, provider, model: premium });
      const b = pricing.price({ ...usage, provider, model: cheaper });
      const cost = (r: typeof a) => (r.priced ? r.cost : NaN);
      expect([a.priced, b.priced]).toEqual([true, true]);
      expect(cost(b)).toBeLessThan(cost(a));
    },
  );

  it('knows no sibling for cheap models or other providers', () => {
    expect(cheaperSiblingOf('openai', 'gpt-4o-mini')).toBeUndefined();
    expect(cheaperSiblingOf('openai', 'gpt-5-mini')).toBeUndefined();
    expect(cheaperSiblingOf('anthropic', 'claude-haiku-4-5')).toBeUndefined();
    expect(cheaperSiblingOf('gateway', 'gpt-4o')).toBeUndefined();
  });

  it('matches dated snapshots of premium models', () => {
    expect(cheaperSiblingOf('openai', 'gpt-4o-2024-11-20')).toBe('gpt-4o-mini');
    expect(cheaperSiblingOf('anthropic', 'claude-opus-4-20250514')).toBe(
      'claude-sonnet-4-5',
    );
    expect(cheaperSiblingOf('anthropic', 'claude-sonnet-4-5-20250929')).toBe(
      'claude-haiku-4-5',
    );
  });
});
