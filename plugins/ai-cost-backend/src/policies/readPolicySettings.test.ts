import { ConfigReader } from '@backstage/config';
import { DEFAULT_MODEL_TIERS } from './modelTiers';
import { readPolicySettings } from './readPolicySettings';

const read = (policies: object) =>
  readPolicySettings(new ConfigReader({ aiCost: { policies } }));

describe('readPolicySettings', () => {
  it('ships the default tiers and no org default', () => {
    expect(readPolicySettings(new ConfigReader({}))).toEqual({
      modelTiers: DEFAULT_MODEL_TIERS,
      defaults: {},
    });
  });

  it('replaces the tiers given, and reads defaults per environment', () => {
    const settings = read({
      modelTiers: { frontier: ['o3', 'claude-opus*'] },
      defaults: { production: 'standard', staging: 'efficient' },
      defaultMaxTier: 'efficient',
    });
    expect(settings.modelTiers.frontier).toEqual(['o3', 'claude-opus*']);
    expect(settings.modelTiers.standard).toEqual(DEFAULT_MODEL_TIERS.standard);
    expect(settings.defaults).toEqual({
      production: 'standard',
      staging: 'efficient',
    });
    expect(settings.defaultMaxTier).toBe('efficient');
  });

  it('names the key of a bad value', () => {
    expect(() => read({ defaults: { production: 'premium' } })).toThrow(
      'aiCost.policies.defaults.production must be one of frontier, standard, efficient, got "premium"',
    );
    expect(() => read({ modelTiers: { efficient: ['gpt 4o'] } })).toThrow(
      'aiCost.policies.modelTiers.efficient has "gpt 4o"',
    );
  });
});
