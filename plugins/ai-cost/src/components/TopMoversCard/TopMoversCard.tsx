import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type {
  RollupItem,
  RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../../api';
import { formatCurrency } from '../../utils/format';
import { groupByLabel } from '../../utils/labels';
import { ChangeIndicator } from '../ChangeIndicator';
import { RollupItemName, rollupItemLabel } from '../RollupItemName';

/** The items whose cost changed most in absolute terms, largest first. */
export function topMovers(items: RollupItem[], limit = 5): RollupItem[] {
  return items
    .filter(item => item.cost !== item.previousCost)
    .sort(
      (a, b) =>
        Math.abs(b.cost - b.previousCost) - Math.abs(a.cost - a.previousCost) ||
        b.cost - a.cost,
    )
    .slice(0, limit);
}

/** @public */
export interface TopMoversCardProps {
  rollup: RollupResponse;
  groupBy: RollupGroupBy;
  limit?: number;
}

/**
 * The groups of the current rollup whose spend changed most against the
 * previous period of equal length.
 * @public
 */
export function TopMoversCard(props: TopMoversCardProps) {
  const { rollup, groupBy, limit } = props;
  const movers = topMovers(rollup.items, limit);
  const { noun } = groupByLabel(groupBy);
  return (
    <InfoCard
      title="Top movers"
      subheader={`By ${noun}, against the previous period`}
    >
      {movers.length === 0 ? (
        <Typography variant="body2">No {noun} changed its spend.</Typography>
      ) : (
        <List dense disablePadding aria-label="Top movers">
          {movers.map(item => (
            <ListItem
              key={item.key ?? rollupItemLabel(item, groupBy)}
              disableGutters
              divider
            >
              <ListItemText
                primary={<RollupItemName item={item} groupBy={groupBy} />}
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    {formatCurrency(item.cost, rollup.currency)} ·{' '}
                    <ChangeIndicator
                      current={item.cost}
                      previous={item.previousCost}
                      currency={rollup.currency}
                    />
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
