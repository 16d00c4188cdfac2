import type { Entity } from '@backstage/catalog-model';
import {
  claimSnippet,
  entityAnnotationSnippet,
  SNIPPET_LINE_WIDTH,
  yamlScalar,
} from './snippets';

describe('yamlScalar', () => {
  it('keeps plain ids plain and quotes what YAML would misread', () => {
    expect(yamlScalar('proj_search')).toBe('proj_search');
    expect(yamlScalar('team=insights')).toBe('team=insights');
    expect(yamlScalar('/subscriptions/abc/resourceGroups/rg')).toBe(
      '/subscriptions/abc/resourceGroups/rg',
    );
    expect(yamlScalar('123456789012')).toBe('"123456789012"');
    expect(yamlScalar('true')).toBe('"true"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
    expect(yamlScalar('#x')).toBe('"#x"');
  });
});

describe('entityAnnotationSnippet', () => {
  const system: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: { name: 'search', namespace: 'retail' },
  };

  it('is tailored to the entity', () => {
    expect(entityAnnotationSnippet(system)).toBe(
      `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: search
  namespace: retail
  # To claim the AI spend of this system:
  # uncomment "annotations:" and the lines for where it is
  # billed, and replace each <placeholder> with the real id.
  # annotations:
  #   ai-cost/openai-project-id: <openai-project-id>
  #   ai-cost/openai-api-key-id: <openai-api-key-id>
  #   ai-cost/anthropic-workspace-id: <anthropic-workspace-id>
  #   ai-cost/anthropic-api-key-id: <anthropic-api-key-id>
  #   ai-cost/aws-account-id: "<aws-account-id>"
  #   ai-cost/gcp-project-id: <gcp-project-id>
  #   ai-cost/azure-resource-id: <azure-resource-id-prefix>
  #   backstage.io/kubernetes-id: <pod-label-value>
  #   ai-cost/kubernetes-namespace: <kubernetes-namespace>
  #   ai-cost/gateway-tags: service=search
`,
    );
  });

  it('keeps every placeholder in a comment, so pasting it claims nothing', () => {
    const active = entityAnnotationSnippet(system)
      .split('\n')
      .filter(line => !line.trimStart().startsWith('#'));
    expect(active.filter(line => line.includes('<'))).toEqual([]);
    expect(active.filter(line => line.includes('ai-cost/'))).toEqual([]);
  });

  it('has lines short enough to show whole', () => {
    const long = entityAnnotationSnippet({
      ...system,
      kind: 'Component',
    })
      .split('\n')
      .filter(line => line.length > SNIPPET_LINE_WIDTH);
    expect(long).toEqual([]);
  });
});

describe('claimSnippet', () => {
  it('claims one value', () => {
    expect(claimSnippet('ai-cost/aws-account-id', '123456789012')).toBe(
      `# in the catalog-info.yaml of the entity that owns this spend
metadata:
  annotations:
    ai-cost/aws-account-id: "123456789012"
`,
    );
  });
});
