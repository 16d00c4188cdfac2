/**
 * AI Cost provider module for OpenCost and Kubecost: ingests the daily cost of
 * Kubernetes workloads (their GPU cost, or their total cost) from the
 * allocation API of each source configured under `aiCost.providers.opencost`,
 * as provider `kubernetes`.
 *
 * @packageDocumentation
 */

export { aiCostModuleOpenCost as default } from './module';
export {
  OpenCostProvider,
  OPENCOST_DEFAULT_ALLOCATION_PATH,
  type OpenCostProviderOptions,
} from './OpenCostProvider';
export {
  readOpenCostSourceConfigs,
  type OpenCostInclude,
  type OpenCostSourceConfig,
} from './config';
export { KUBERNETES_PROVIDER } from './normalize';
