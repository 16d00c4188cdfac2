import type { Config } from '@backstage/config';
import {
  readCurrency,
  readProviderSourceConfigs,
} from '@ai-cost/plugin-ai-cost-node';

/** Which part of a workload's cost a source reports. @public */
export type OpenCostInclude = 'gpu' | 'all';

/** One entry of `aiCost.providers.opencost`. @public */
export interface OpenCostSourceConfig {
  id: string;
  baseUrl: string;
  /** Default `gpu`. */
  include?: OpenCostInclude;
  /** Default `/allocation/compute`. */
  allocationPath?: string;
  token?: string;
  /** Days OpenCost's Prometheus keeps; default 14. */
  retentionDays?: number;
}

/**
 * Reads and validates `aiCost.providers.opencost`. Every error names the
 * exact key, e.g. `aiCost.providers.opencost[1].include`; the token itself is
 * never part of a message.
 * @public
 */
export function readOpenCostSourceConfigs(
  config: Config,
): OpenCostSourceConfig[] {
  return readProviderSourceConfigs(config, 'opencost', {
    baseUrl: { type: 'url', required: true },
    include: { type: 'string', oneOf: ['gpu', 'all'] },
    allocationPath: {
      type: 'string',
      pattern: /^\/[^?#\s]*$/,
      expected: 'a path starting with "/", e.g. "/allocation/compute"',
    },
    token: { type: 'secret' },
    retentionDays: {
      type: 'integer',
      min: 1,
      max: 3660,
      expected: 'a whole number of days from 1',
    },
  }) as OpenCostSourceConfig[];
}

/**
 * Reads `aiCost.currency` (default `USD`) as an upper-case ISO 4217 code.
 * @public
 */
export { readCurrency };
