import {
  ALL_ANNOTATIONS,
  AnnotationParseError,
  parseAllowedModelsAnnotation,
  parseBudgetEnforcementAnnotation,
  parseMaxModelTierAnnotation,
} from './annotations';

describe('model policy annotations', () => {
  it('read a tier and an opt-in in any case, and nothing when empty', () => {
    expect(parseMaxModelTierAnnotation(' Standard ')).toBe('standard');
    expect(parseMaxModelTierAnnotation('')).toBeUndefined();
    expect(parseBudgetEnforcementAnnotation('block-non-production')).toBe(
      'block-non-production',
    );
    expect(parseBudgetEnforcementAnnotation(undefined)).toBeUndefined();
  });

  it('name the annotation and the allowed values of a bad one', () => {
    expect(() => parseMaxModelTierAnnotation('premium')).toThrow(
      new AnnotationParseError(
        'Invalid ai-cost/max-model-tier "premium": expected one of frontier, standard, efficient',
      ),
    );
    expect(() => parseBudgetEnforcementAnnotation('always')).toThrow(
      'Invalid ai-cost/budget-enforcement "always": expected one of block, block-non-production, warn',
    );
  });

  it('read allowed models as lower-case globs and refuse odd characters', () => {
    expect(parseAllowedModelsAnnotation('GPT-4o-mini, claude-haiku*')).toEqual([
      'gpt-4o-mini',
      'claude-haiku*',
    ]);
    expect(() => parseAllowedModelsAnnotation('gpt-4o, gpt 5')).toThrow(
      'Invalid ai-cost/allowed-models item "gpt 5"',
    );
  });

  it('are annotations the plugin reads', () => {
    expect(ALL_ANNOTATIONS).toEqual(
      expect.arrayContaining([
        'ai-cost/max-model-tier',
        'ai-cost/allowed-models',
        'ai-cost/budget-enforcement',
      ]),
    );
  });
});
