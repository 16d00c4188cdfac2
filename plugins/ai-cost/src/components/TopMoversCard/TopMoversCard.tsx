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
import { addDays, daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency } from '../../utils/format';
import { historyGap, noHistoryBeforeLabel } from '../../utils/history';
import { previousWindow } from '../../utils/period';
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
  const previous = previousWindow(rollup.from, rollup.to);
  const noHistoryBefore = historyGap(previous.from, rollup.historyFrom);
  let body;
  if (noHistoryBefore) {
    // Spend before the history was never ingested: every group would look
    // new or grown.
    body = (
      <Typography variant="body2">
        {noHistoryBeforeLabel(noHistoryBefore)}: the previous period (
        {previous.from} – {previous.to}) is not fully covered, so changes cannot
        be told. Pick a period starting on or after{' '}
        {addDays(noHistoryBefore, daysInclusive(rollup.from, rollup.to))}.
      </Typography>
    );
  } else if (movers.length === 0) {
    body = (
      <Typography variant="body2">No {noun} changed its spend.</Typography>
    );
  } else {
    body = (
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
    );
  }
  return (
    <InfoCard
      title="Top movers"
      subheader={`By ${noun}, against the previous period`}
    >
      {body}
    </InfoCard>
  );
}
