import type {
  AllocationCoverage,
  MissingTagItem,
} from '@ai-cost/plugin-ai-cost-common';
import { formatShare } from '../../utils/format';
import { dimensionLabel, providerLabel } from '../../utils/labels';

/** "Chargeback ready", or how far coverage is from the threshold. */
export function chargebackStatusText(coverage: AllocationCoverage): string {
  if (coverage.chargebackReady) return 'Chargeback ready';
  const toGo = Math.max(0, coverage.threshold - coverage.coverage);
  return `Showback: ${formatShare(toGo)} to go`;
}

/** What would give the spend of a missing item a tag value. */
export function missingItemAction(item: MissingTagItem): string {
  if (item.dimension === 'entity') {
    return `annotate ${item.value} with ai-cost/tags`;
  }
  const dimension = dimensionLabel(item.provider, item.dimension);
  return `claim ${providerLabel(item.provider)} ${dimension} ${item.value}`;
}
