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
  it.each([
    'Group',
    'System',
    'Domain',
    'User',
    'group',
    'Component',
    'Resource',
    'API',
  ])('is true for kind %s', kind => {
    expect(isAiCostAvailable(entity(kind))).toBe(true);
  });

  it.each([
    'ai-cost/openai-project-id',
    'ai-cost/anthropic-api-key-id',
    'ai-cost/aws-tags',
    'ai-cost/gateway-tags',
    'ai-cost/monthly-budget',
  ])('is true for any other kind annotated with %s', annotation => {
    expect(isAiCostAvailable(entity('Template', { [annotation]: 'v' }))).toBe(
      true,
    );
  });

  it('is false for other unannotated kinds', () => {
    expect(isAiCostAvailable(entity('Template'))).toBe(false);
    expect(isAiCostAvailable(entity('Location', {}))).toBe(false);
    expect(
      isAiCostAvailable(
        entity('Template', { 'backstage.io/techdocs-ref': 'dir:.' }),
      ),
    ).toBe(false);
  });

  it('ignores empty and unknown ai-cost annotations', () => {
    expect(
      isAiCostAvailable(
        entity('Template', { 'ai-cost/openai-project-id': '' }),
      ),
    ).toBe(false);
    expect(
      isAiCostAvailable(entity('Template', { 'ai-cost/unknown': 'x' })),
    ).toBe(false);
  });
});
