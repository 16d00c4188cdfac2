import type { RollupItem } from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../../api';
import { groupByLabels, modelLabel, providerLabel } from '../../utils/labels';
import { AiCostTabLink } from '../AiCostTabLink';

/** The key of a rollup item for people: provider and model names, "No owner". */
export function rollupItemLabel(
  item: RollupItem,
  groupBy: RollupGroupBy,
): string {
  if (item.key === '(none)') return groupByLabels[groupBy].none;
  if (groupBy === 'provider') return providerLabel(item.key);
  if (groupBy === 'model') {
    const slash = item.key.indexOf('/');
    const provider = slash < 0 ? item.key : item.key.slice(0, slash);
    const model = slash < 0 ? '' : item.key.slice(slash + 1);
    return model
      ? `${model} (${providerLabel(provider)})`
      : modelLabel(provider, model);
  }
  return item.title ?? item.key;
}

/** A rollup item's name: for owners, systems and domains a link to their AI Cost tab, period kept. */
export function RollupItemName(props: {
  item: RollupItem;
  groupBy: RollupGroupBy;
}) {
  const { item, groupBy } = props;
  if (item.entityRef) {
    return <AiCostTabLink entityRef={item.entityRef} title={item.title} />;
  }
  return <>{rollupItemLabel(item, groupBy)}</>;
}
