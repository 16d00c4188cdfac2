import { ConfigReader } from '@backstage/config';
import {
  classifyLineItem,
  isAcceleratorCompute,
  type LineItemFacts,
} from './classifyLineItem';
import {
  readClassificationRules,
  rulesFingerprint,
} from './readClassificationRules';
import { DEFAULT_CLASSIFICATION_RULES } from './rules';

function item(facts: Partial<LineItemFacts>): LineItemFacts {
  return {
    providerName: null,
    serviceCategory: null,
    serviceName: null,
    model: null,
    details: [],
    units: [],
    tags: null,
    ...facts,
  };
}

const classify = (facts: Partial<LineItemFacts>) =>
  classifyLineItem(item(facts), DEFAULT_CLASSIFICATION_RULES);

describe('classifyLineItem with the shipped rules', () => {
  it('takes model vendors’ bills, the AI service category and AI services by name', () => {
    expect(classify({ providerName: 'OpenAI' })).toEqual({
      ai: true,
      reason: 'provider',
    });
    expect(classify({ providerName: 'Amazon Web Services' })).toEqual({
      ai: false,
    });
    expect(classify({ serviceCategory: 'ai and machine learning' })).toEqual({
      ai: true,
      reason: 'service-category',
    });
    for (const serviceName of [
      'Amazon Bedrock',
      'Azure OpenAI Service',
      'Vertex AI',
      'Amazon SageMaker',
      'Azure Machine Learning',
      'Cognitive Services',
      'Gemini API',
    ]) {
      expect([serviceName, classify({ serviceName })]).toEqual([
        serviceName,
        { ai: true, reason: 'service-name' },
      ]);
    }
  });

  it('takes rows naming a model: a model column, a model tag, a SKU or meter', () => {
    expect(classify({ model: 'gpt-4o' }).ai).toBe(true);
    expect(classify({ tags: { Model: 'llama-3-70b' } }).ai).toBe(true);
    expect(classify({ details: ['USE1-Claude3Haiku-input-tokens'] })).toEqual({
      ai: true,
      reason: 'model',
    });
    expect(classify({ units: ['1K Tokens'] })).toEqual({
      ai: true,
      reason: 'token-unit',
    });
  });

  it('takes GPU and accelerator compute of AWS, Azure and Google Cloud', () => {
    for (const detail of [
      '$1.624 per On Demand Linux g5.4xlarge Instance Hour',
      'BoxUsage:p4d.24xlarge',
      'ml.g5.2xlarge-Hosting',
      'trn1.32xlarge',
      'inf2.xlarge',
      'Standard_NC6s_v3',
      'ND96asr v4',
      'NV12ads A10 v5',
      'Nvidia Tesla T4 GPU running in Americas',
      'TPU v5e',
      'a2-highgpu-1g',
    ]) {
      expect([detail, classify({ details: [detail] })]).toEqual([
        detail,
        { ai: true, reason: 'accelerator' },
      ]);
    }
  });

  it('leaves ordinary cloud spend out', () => {
    for (const detail of [
      '$0.0116 per On Demand Linux t2.micro Instance Hour',
      'r6g.large',
      't4g.micro',
      'c6a.4xlarge',
      'Virtual Machines Dv2/DSv2 Series - D11 v2/DS11 v2 - US East 2',
      '$0.005 per In-use public IPv4 address per hour',
      'Tables - LRS Data Stored',
    ]) {
      expect([
        detail,
        classify({ details: [detail], units: ['Hours'] }),
      ]).toEqual([detail, { ai: false }]);
    }
    expect(
      classify({
        serviceCategory: 'Compute',
        serviceName: 'Amazon Elastic Compute Cloud',
      }),
    ).toEqual({ ai: false });
  });
});

describe('isAcceleratorCompute', () => {
  it('tells GPU instance types and SKUs from other compute', () => {
    const rules = DEFAULT_CLASSIFICATION_RULES;
    expect(isAcceleratorCompute('p4d.24xlarge', rules)).toBe(true);
    expect(isAcceleratorCompute('ml.g5.2xlarge', rules)).toBe(true);
    expect(
      isAcceleratorCompute('Nvidia Tesla A100 GPU running in Americas', rules),
    ).toBe(true);
    expect(isAcceleratorCompute('m5.xlarge', rules)).toBe(false);
    expect(
      isAcceleratorCompute(
        'N1 Predefined Instance Core running in Americas',
        rules,
      ),
    ).toBe(false);
    expect(isAcceleratorCompute(null, rules)).toBe(false);
    expect(isAcceleratorCompute('', rules)).toBe(false);
  });

  it('uses patterns added in aiCost.classification', () => {
    const rules = readClassificationRules(
      new ConfigReader({
        aiCost: { classification: { acceleratorPatterns: ['^x2gpu\\.'] } },
      }),
    );
    expect(isAcceleratorCompute('x2gpu.8xlarge', rules)).toBe(true);
    expect(
      isAcceleratorCompute('x2gpu.8xlarge', DEFAULT_CLASSIFICATION_RULES),
    ).toBe(false);
  });
});

describe('readClassificationRules', () => {
  it('extends the shipped defaults from aiCost.classification', () => {
    const rules = readClassificationRules(
      new ConfigReader({
        aiCost: {
          classification: {
            serviceNames: ['In-House Inference'],
            acceleratorPatterns: ['^gaudi'],
          },
        },
      }),
    );
    expect(
      classifyLineItem(item({ serviceName: 'In-House Inference API' }), rules),
    ).toEqual({ ai: true, reason: 'service-name' });
    expect(
      classifyLineItem(item({ details: ['Gaudi2 hours'] }), rules),
    ).toEqual({ ai: true, reason: 'accelerator' });
    expect(
      classifyLineItem(item({ serviceName: 'Amazon Bedrock' }), rules).ai,
    ).toBe(true);
    expect(rulesFingerprint(rules)).not.toBe(
      rulesFingerprint(DEFAULT_CLASSIFICATION_RULES),
    );
    expect(readClassificationRules(new ConfigReader({}))).toBe(
      DEFAULT_CLASSIFICATION_RULES,
    );
  });

  it('names an invalid pattern', () => {
    expect(() =>
      readClassificationRules(
        new ConfigReader({
          aiCost: { classification: { modelPatterns: ['ok', '(unclosed'] } },
        }),
      ),
    ).toThrow(
      /aiCost\.classification\.modelPatterns\[1\]: "\(unclosed" is not a valid regular expression/,
    );
  });
});
