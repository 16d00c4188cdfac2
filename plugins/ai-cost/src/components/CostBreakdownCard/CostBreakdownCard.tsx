import { useId, useState } from 'react';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency } from '../../utils/format';
import { hiddenEntitiesLabel } from '../ChildCostsCard/ChildCostsCard';
import { ApiKeyTable } from './ApiKeyTable';
import { ModelTable } from './ModelTable';
import { ProviderTable } from './ProviderTable';
import { TokenTypeTable } from './TokenTypeTable';

const views = [
  { id: 'model', label: 'Model', Table: ModelTable },
  { id: 'provider', label: 'Provider', Table: ProviderTable },
  { id: 'apiKey', label: 'API key', Table: ApiKeyTable },
  { id: 'tokenType', label: 'Token type', Table: TokenTypeTable },
] as const;

type View = (typeof views)[number]['id'];

/** @public */
export interface CostBreakdownCardProps {
  costs: EntityCostsResponse;
}

/**
 * The spend of the window broken down by model, provider, API key or token
 * type, one table per tab. Spend of descendants the viewer cannot see in the
 * catalog is one line under the table, never broken down.
 * @public
 */
export function CostBreakdownCard(props: CostBreakdownCardProps) {
  const { costs } = props;
  const id = useId();
  const [view, setView] = useState<View>('model');
  const current = views.find(v => v.id === view) ?? views[0];

  return (
    <Paper>
      <Tabs
        value={view}
        onChange={(_event, value: View) => setView(value)}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        aria-label="Break spend down by"
      >
        {views.map(v => (
          <Tab
            key={v.id}
            value={v.id}
            label={v.label}
            id={`${id}-tab-${v.id}`}
            aria-controls={`${id}-panel-${v.id}`}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`${id}-panel-${current.id}`}
        aria-labelledby={`${id}-tab-${current.id}`}
      >
        <current.Table costs={costs} />
        {costs.hiddenDescendants.count > 0 && (
          <Typography
            variant="body2"
            color="textSecondary"
            style={{ padding: 16 }}
          >
            Not visible to you:{' '}
            {formatCurrency(costs.hiddenDescendants.cost, costs.currency)} of{' '}
            {hiddenEntitiesLabel(costs.hiddenDescendants.count)}, counted in the
            total but not broken down here.
          </Typography>
        )}
      </div>
    </Paper>
  );
}
