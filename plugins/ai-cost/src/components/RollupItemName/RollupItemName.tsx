import {
  AI_SPEND_CATEGORY_LABELS,
  isAiSpendCategory,
  type RollupItem,
} from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../../api';
import {
  groupByLabel,
  groupByTag,
  modelLabel,
  otherValuesLabel,
  providerLabel,
} from '../../utils/labels';
import { AiCostTabLink } from '../AiCostTabLink';

/**
 * The key of a rollup item for people: provider and model names, "No owner";
 * by tag the value, "No environment" or "12 other values".
 */
export function rollupItemLabel(
  item: RollupItem,
  groupBy: RollupGroupBy,
): string {
  const { key } = item;
  if (key === null && item.otherValues) {
    return otherValuesLabel(item.otherValues);
  }
  if (key === null || (key === '(none)' && groupByTag(groupBy) === undefined)) {
    return groupByLabel(groupBy).none;
  }
  if (groupBy === 'provider') return providerLabel(key);
  if (groupBy === 'category' && isAiSpendCategory(key)) {
    return AI_SPEND_CATEGORY_LABELS[key];
  }
  if (groupBy === 'model') {
    const slash = key.indexOf('/');
    const provider = slash < 0 ? key : key.slice(0, slash);
    const model = slash < 0 ? '' : key.slice(slash + 1);
    return model
      ? `${model} (${providerLabel(provider)})`
      : modelLabel(provider, model);
  }
  return item.title ?? key;
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
