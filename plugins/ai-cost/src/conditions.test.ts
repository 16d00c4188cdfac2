import type { Entity } from '@backstage/catalog-model';
import { isAiCostAvailable } from './conditions';

function entity(kind: string, annotations?: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
  };
}

describe('isAiCostAvailable', () => {
  it.each(['Group', 'System', 'Domain', 'User', 'group'])(
    'is true for kind %s',
    kind => {
      expect(isAiCostAvailable(entity(kind))).toBe(true);
    },
  );

  it.each([
    'ai-cost/openai-project-id',
    'ai-cost/anthropic-api-key-id',
    'ai-cost/aws-tags',
    'ai-cost/gateway-tags',
    'ai-cost/monthly-budget',
  ])('is true for a component annotated with %s', annotation => {
    expect(isAiCostAvailable(entity('Component', { [annotation]: 'v' }))).toBe(
      true,
    );
  });

  it('is false for unannotated components, resources and APIs', () => {
    expect(isAiCostAvailable(entity('Component'))).toBe(false);
    expect(isAiCostAvailable(entity('Resource', {}))).toBe(false);
    expect(
      isAiCostAvailable(
        entity('API', { 'backstage.io/techdocs-ref': 'dir:.' }),
      ),
    ).toBe(false);
  });

  it('ignores empty and unknown ai-cost annotations', () => {
    expect(
      isAiCostAvailable(
        entity('Component', { 'ai-cost/openai-project-id': '' }),
      ),
    ).toBe(false);
    expect(
      isAiCostAvailable(entity('Component', { 'ai-cost/unknown': 'x' })),
    ).toBe(false);
  });
});
