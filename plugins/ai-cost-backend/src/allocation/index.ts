export { AllocationPolicy } from './AllocationPolicy';
export { matchesRule } from './matchRule';
export { parseAllocationRule } from './parseAllocationRule';
export { readAllocationSettings } from './readAllocationSettings';
export { splitWeights } from './splitWeights';
export {
  pushedSplitMetrics,
  splitMetricLoader,
  SplitMetricValues,
} from './splitMetrics';
export type {
  AllocationRecord,
  AllocationRule,
  AllocationSettings,
  MatchKey,
  RuleMatch,
  SplitMethod,
  SplitRule,
  VirtualTagRule,
} from './types';
