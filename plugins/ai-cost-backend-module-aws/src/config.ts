import type { Config } from '@backstage/config';
import { readProviderSourceConfigs } from '@ai-cost/plugin-ai-cost-node';
import { AWS_COST_METRICS } from './AwsCostProvider';

/** The settings of one `aiCost.providers.aws` entry. */
export const AWS_SOURCE_FIELDS = {
  region: {
    type: 'string',
    required: true,
    pattern: /^[a-z]{2}(-[a-z]+)+-\d+$/,
    expected:
      'the region of the Cost Explorer endpoint, such as us-east-1 (cn-northwest-1 in China)',
  },
  accountId: {
    type: 'string',
    pattern: /^\d{12}$/,
    expected: 'a 12-digit AWS account id',
  },
  metric: { type: 'string', oneOf: AWS_COST_METRICS },
  tagKey: {
    type: 'string',
    // Cost allocation tag keys: up to 128 characters; `$` separates key and
    // value in Cost Explorer's group keys, so it cannot be part of the key.
    pattern: /^[\p{L}\p{N}\s_.:/=+\-@]{1,128}$/u,
    expected: 'a cost allocation tag key such as team',
  },
  services: { type: 'stringList' },
  tokensPerUsageUnit: { type: 'integer', min: 1, max: 1_000_000 },
  gpuCompute: { type: 'boolean' },
  baseUrl: { type: 'url' },
} as const;

/**
 * One validated entry of `aiCost.providers.aws` (see `config.d.ts` for the
 * meaning of each field).
 * @public
 */
export interface AwsSourceConfig {
  id: string;
  region: string;
  accountId?: string;
  /** One of {@link AWS_COST_METRICS}. */
  metric?: string;
  tagKey?: string;
  services?: string[];
  tokensPerUsageUnit?: number;
  gpuCompute?: boolean;
  baseUrl?: string;
}

/**
 * Reads and validates `aiCost.providers.aws`; every error names the exact
 * key, e.g. `aiCost.providers.aws[1].region is required`.
 * @public
 */
export function readAwsSourceConfigs(config: Config): AwsSourceConfig[] {
  return readProviderSourceConfigs(config, 'aws', AWS_SOURCE_FIELDS);
}
