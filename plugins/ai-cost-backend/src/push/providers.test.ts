import { parse } from 'yaml';
import { readProviderExample } from '@ai-cost/plugin-ai-cost-node/testUtils';
import {
  PRICING_PROVIDER_KINDS,
  pricingProviderOf,
  splitModelPrefix,
} from './providers';

/** The OpenTelemetry GenAI registries kept in provider-examples, current and deprecated. */
const REGISTRIES = [
  'otel-genai/semconv-v1.41.0.model-gen-ai-registry.yaml',
  'otel-genai/semconv-HEAD-2026-08-20.model-gen-ai-deprecated-registry-deprecated.yaml',
  'otel-genai/semconv-genai-repo.model-gen-ai-registry.excerpt.yaml',
];
const PROVIDER_ATTRIBUTES = new Set(['gen_ai.provider.name', 'gen_ai.system']);

/** Every enum value of `gen_ai.provider.name` / `gen_ai.system` in a registry. */
function providerValues(node: unknown, found = new Set<string>()) {
  if (Array.isArray(node)) {
    node.forEach(item => providerValues(item, found));
  } else if (node && typeof node === 'object') {
    const record = node as Record<string, any>;
    const name = record.id ?? record.key;
    if (PROVIDER_ATTRIBUTES.has(name) && Array.isArray(record.type?.members)) {
      for (const member of record.type.members) found.add(member.value);
    }
    Object.values(record).forEach(value => providerValues(value, found));
  }
  return found;
}

describe('pricingProviderOf', () => {
  it.each(REGISTRIES)(
    'maps every provider value of %s to a pricing provider',
    file => {
      const values = [...providerValues(parse(readProviderExample(file)))];
      expect(values.length).toBeGreaterThanOrEqual(15);
      const unmapped = values.filter(
        value => !PRICING_PROVIDER_KINDS.has(pricingProviderOf(value)),
      );
      expect(unmapped).toEqual([]);
    },
  );

  it('maps current and deprecated names of one provider alike', () => {
    expect(
      [
        'azure.ai.openai',
        'azure.ai.inference',
        'az.ai.openai',
        'az.ai.inference',
        'az_ai_inference',
        'azure',
      ].map(pricingProviderOf),
    ).toEqual(['azure', 'azure', 'azure', 'azure', 'azure', 'azure']);
    expect(
      ['aws.bedrock', 'bedrock', 'gcp.vertex_ai', 'gcp.gemini', 'gemini'].map(
        pricingProviderOf,
      ),
    ).toEqual(['aws', 'aws', 'gcp', 'gcp', 'gcp']);
    expect(['x_ai', 'xai', 'mistral_ai'].map(pricingProviderOf)).toEqual([
      'xai',
      'xai',
      'mistral',
    ]);
  });

  it('prices unknown names under their own (lower-cased) name', () => {
    expect(pricingProviderOf(' In-House ')).toBe('in-house');
  });
});

describe('splitModelPrefix', () => {
  it('splits known provider prefixes only', () => {
    expect(splitModelPrefix('bedrock/anthropic.claude-3-haiku')).toEqual({
      model: 'anthropic.claude-3-haiku',
      provider: 'bedrock',
    });
    expect(splitModelPrefix('my-org/llm')).toEqual({ model: 'my-org/llm' });
  });
});
