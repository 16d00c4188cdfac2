import type { Config } from '@backstage/config';
import { MODEL_TIERS, type ModelTier } from '@ai-cost/plugin-ai-cost-common';
import type { PolicySettings } from './modelPolicy';
import { DEFAULT_MODEL_TIERS } from './modelTiers';

const KEY = 'aiCost.policies';

function tierAt(key: string, value: unknown): ModelTier {
  if (typeof value !== 'string' || !MODEL_TIERS.includes(value as ModelTier)) {
    throw new Error(
      `${key} must be one of ${MODEL_TIERS.join(', ')}, got ${JSON.stringify(
        value,
      )}`,
    );
  }
  return value as ModelTier;
}

/**
 * Reads `aiCost.policies`: `modelTiers.<tier>` replaces the shipped globs
 * of that tier; `defaults.<environment>` is the org's max tier for
 * entities of that environment without `ai-cost/max-model-tier`,
 * `defaultMaxTier` for entities of any other or no environment. Neither:
 * entities without annotations have no policy.
 */
export function readPolicySettings(config: Config): PolicySettings {
  const modelTiers = { ...DEFAULT_MODEL_TIERS };
  for (const tier of MODEL_TIERS) {
    const key = `${KEY}.modelTiers.${tier}`;
    const globs = config.getOptionalStringArray(key);
    if (!globs) continue;
    for (const glob of globs) {
      if (!/^[A-Za-z0-9*._:/@-]+$/.test(glob)) {
        throw new Error(
          `${key} has ${JSON.stringify(
            glob,
          )}: expected a model name or glob such as "gpt-4o*"`,
        );
      }
    }
    modelTiers[tier] = globs;
  }
  const defaults: Record<string, ModelTier> = {};
  const configured = config.getOptionalConfig(`${KEY}.defaults`);
  for (const environment of configured?.keys() ?? []) {
    defaults[environment] = tierAt(
      `${KEY}.defaults.${environment}`,
      configured!.get(environment),
    );
  }
  const fallback = config.getOptional(`${KEY}.defaultMaxTier`);
  return {
    modelTiers,
    defaults,
    ...(fallback !== undefined
      ? { defaultMaxTier: tierAt(`${KEY}.defaultMaxTier`, fallback) }
      : {}),
  };
}
