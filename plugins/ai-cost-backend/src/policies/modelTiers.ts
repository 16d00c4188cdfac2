import { MODEL_TIERS, type ModelTier } from '@ai-cost/plugin-ai-cost-common';
import { globToRegExp } from '../allocation/matchRule';

/** Model globs per tier (`*` any run of characters, case-insensitive). */
export type ModelTierGlobs = Record<ModelTier, string[]>;

/**
 * The shipped tiers; `aiCost.policies.modelTiers.<tier>` replaces a tier's
 * list. Dated snapshots (`gpt-4o-2024-08-06`) match through `-20*`; the
 * small variants of a frontier family (`o3-mini`, `gpt-5-nano`) are
 * efficient, not frontier.
 */
export const DEFAULT_MODEL_TIERS: ModelTierGlobs = {
  frontier: [
    'gpt-4.5*',
    'o1',
    'o1-20*',
    'o1-preview*',
    'o1-pro*',
    'o3',
    'o3-20*',
    'o3-pro*',
    'o3-deep-research*',
    'gpt-5',
    'gpt-5-20*',
    'gpt-5-pro*',
    'gpt-5.*',
    'claude-opus*',
    'claude-*-opus*',
    'gemini-*-pro*',
    'grok-4*',
  ],
  standard: [
    'gpt-4o',
    'gpt-4o-20*',
    'chatgpt-4o*',
    'gpt-4.1',
    'gpt-4.1-20*',
    'gpt-4-turbo*',
    'gpt-4',
    'claude-sonnet*',
    'claude-*-sonnet*',
    'gemini-pro*',
    'mistral-large*',
    'command-r-plus*',
    'llama-*-70b*',
  ],
  efficient: [
    '*-mini',
    '*-mini-*',
    '*-nano',
    '*-nano-*',
    'claude-haiku*',
    'claude-*-haiku*',
    'gemini-*-flash*',
    'gpt-3.5*',
    'mistral-small*',
    'command-r',
    'llama-*-8b*',
    'text-embedding*',
  ],
};

/** Tier rank: 0 is the most capable. */
export function tierRank(tier: ModelTier): number {
  return MODEL_TIERS.indexOf(tier);
}

/**
 * The model id policies compare: lower-case, without a routing prefix
 * (`openai/gpt-4o`) or a Bedrock vendor prefix
 * (`us.anthropic.claude-3-5-haiku-20241022-v1:0`).
 */
export function normalizeModel(model: string): string {
  const name = model.trim().toLocaleLowerCase('en-US');
  const base = name.slice(name.lastIndexOf('/') + 1);
  return base.replace(
    /^(?:[a-z]{2}\.)?(?:anthropic|meta|amazon|mistral|cohere|ai21|google)\./,
    '',
  );
}

type CompiledGlob = { tier: ModelTier; pattern: RegExp; literal: number };

/** Compiled model globs: which tier a model is in and whether globs match it. */
export class ModelTiers {
  readonly #globs: CompiledGlob[];

  constructor(readonly globs: ModelTierGlobs) {
    this.#globs = MODEL_TIERS.flatMap(tier =>
      globs[tier].map(glob => compileGlob(tier, glob)),
    );
  }

  /**
   * The tier of a model: the matching glob with the most literal characters
   * wins; on a tie the more capable tier. Undefined when no glob matches.
   */
  tierOf(model: string): ModelTier | undefined {
    const name = normalizeModel(model);
    let best: CompiledGlob | undefined;
    for (const glob of this.#globs) {
      if (!glob.pattern.test(name)) continue;
      if (!best || glob.literal > best.literal) best = glob;
    }
    return best?.tier;
  }
}

function compileGlob(tier: ModelTier, glob: string): CompiledGlob {
  const lower = glob.toLocaleLowerCase('en-US');
  return {
    tier,
    pattern: globToRegExp(lower),
    literal: lower.replace(/\*/g, '').length,
  };
}

/** Whether a model matches one of some lower-case globs. */
export function matchesAnyGlob(model: string, globs: string[]): boolean {
  const name = normalizeModel(model);
  return globs.some(glob => globToRegExp(glob).test(name));
}
