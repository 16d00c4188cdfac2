import { DEFAULT_MODEL_TIERS, ModelTiers, normalizeModel } from './modelTiers';

describe('ModelTiers', () => {
  const tiers = new ModelTiers(DEFAULT_MODEL_TIERS);

  it.each([
    ['gpt-4.5-preview', 'frontier'],
    ['o1', 'frontier'],
    ['o1-2024-12-17', 'frontier'],
    ['o3', 'frontier'],
    ['o3-mini', 'efficient'],
    ['o3-mini-2025-01-31', 'efficient'],
    ['gpt-5', 'frontier'],
    ['gpt-5-mini', 'efficient'],
    ['gpt-5-nano', 'efficient'],
    ['claude-opus-4-1', 'frontier'],
    ['claude-3-opus-20240229', 'frontier'],
    ['gemini-2.5-pro', 'frontier'],
    ['gemini-2.5-flash', 'efficient'],
    ['gpt-4o', 'standard'],
    ['GPT-4o-2024-08-06', 'standard'],
    ['gpt-4o-mini', 'efficient'],
    ['gpt-4.1', 'standard'],
    ['gpt-4.1-mini', 'efficient'],
    ['claude-sonnet-4-5', 'standard'],
    ['claude-3-5-sonnet-20241022', 'standard'],
    ['claude-haiku-4-5', 'efficient'],
    ['us.anthropic.claude-3-5-haiku-20241022-v1:0', 'efficient'],
    ['openai/gpt-4o', 'standard'],
  ])('puts %s in %s', (model, tier) => {
    expect(tiers.tierOf(model)).toBe(tier);
  });

  it('knows no tier for a model no glob matches', () => {
    expect(tiers.tierOf('my-finetune')).toBeUndefined();
  });

  it('takes the most literal glob, and overrides replace a tier', () => {
    const custom = new ModelTiers({
      ...DEFAULT_MODEL_TIERS,
      standard: ['gpt-4o*'],
    });
    // `*-mini` (5 literal characters) loses to `gpt-4o*` (6).
    expect(custom.tierOf('gpt-4o-mini')).toBe('standard');
    expect(custom.tierOf('gpt-4.1')).toBeUndefined();
  });

  it('normalizes routing and Bedrock prefixes', () => {
    expect(normalizeModel(' Azure/GPT-4o ')).toBe('gpt-4o');
    expect(normalizeModel('anthropic.claude-opus-4-1')).toBe('claude-opus-4-1');
  });
});
