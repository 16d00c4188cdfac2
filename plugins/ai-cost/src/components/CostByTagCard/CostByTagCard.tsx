import { useId, useState } from 'react';
import Divider from '@material-ui/core/Divider';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { tagLabel } from '../../utils/labels';
import { SharedSpendTable } from './SharedSpendTable';
import { TagValuesTable } from './TagValuesTable';

/** Whether any spend carries a tag value or comes from a split rule. */
export function hasTagBreakdown(costs: EntityCostsResponse): boolean {
  return (
    costs.shared.length > 0 ||
    Object.values(costs.byTag).some(items =>
      items.some(item => item.value !== null || item.otherValues),
    )
  );
}

/** @public */
export interface CostByTagCardProps {
  costs: EntityCostsResponse;
}

/**
 * The spend of the window by the values of each allocation tag
 * (environment, feature, customer…), one table per tab, and the spend split
 * rules gave the entity. Nothing when no spend carries a tag value and no
 * rule shared any.
 * @public
 */
export function CostByTagCard(props: CostByTagCardProps) {
  const { costs } = props;
  const id = useId();
  const tags = Object.keys(costs.byTag);
  const [selected, setSelected] = useState<string>();
  if (!hasTagBreakdown(costs)) return null;
  const tag = selected && tags.includes(selected) ? selected : tags[0];

  return (
    <Paper>
      {tag !== undefined && (
        <>
          <Tabs
            value={tag}
            onChange={(_event, value: string) => setSelected(value)}
            indicatorColor="primary"
            textColor="primary"
            variant="scrollable"
            aria-label="Break spend down by tag"
          >
            {tags.map(t => (
              <Tab
                key={t}
                value={t}
                label={tagLabel(t)}
                id={`${id}-tab-${t}`}
                aria-controls={`${id}-panel-${t}`}
              />
            ))}
          </Tabs>
          <div
            role="tabpanel"
            id={`${id}-panel-${tag}`}
            aria-labelledby={`${id}-tab-${tag}`}
          >
            <TagValuesTable tag={tag} costs={costs} />
          </div>
        </>
      )}
      {costs.shared.length > 0 && (
        <>
          {tag !== undefined && <Divider />}
          <SharedSpendTable shared={costs.shared} currency={costs.currency} />
        </>
      )}
    </Paper>
  );
}
