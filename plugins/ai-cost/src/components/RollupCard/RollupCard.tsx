import { useId, useMemo } from 'react';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import Typography from '@material-ui/core/Typography';
import {
  Progress,
  ResponseErrorPanel,
  type TableColumn,
} from '@backstage/core-components';
import {
  rollupGroupBys,
  type RollupItem,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { RollupGroupBy } from '../../api';
import { formatCurrency, formatShare } from '../../utils/format';
import { dataFromLabel, historyGap } from '../../utils/history';
import { groupByLabel, groupByTag } from '../../utils/labels';
import { previousWindow } from '../../utils/period';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { ChangeIndicator } from '../ChangeIndicator';
import { RollupItemName, rollupItemLabel } from '../RollupItemName';

type RollupRow = RollupItem & { id: string; shownCost: number; change: number };

function columns(
  rollup: RollupResponse,
  groupBy: RollupGroupBy,
): TableColumn<RollupRow>[] {
  const money = (value: number) => formatCurrency(value, rollup.currency);
  const previous = previousWindow(rollup.from, rollup.to);
  const noHistoryBefore = historyGap(previous.from, rollup.historyFrom);
  // Nothing of the previous period was ingested: no amount to show.
  const previousUncovered = historyGap(previous.to, rollup.historyFrom);
  return [
    {
      title: groupByLabel(groupBy).tab,
      field: 'key',
      highlight: true,
      cellStyle: nameCell({ noWrap: groupBy === 'model' }),
      render: item => <RollupItemName item={item} groupBy={groupBy} />,
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      cellStyle: moneyCell(),
      render: item =>
        item.unallocatedCost ? (
          <>
            {money(item.shownCost)}
            <Typography component="div" variant="caption" color="textSecondary">
              incl. {money(item.unallocatedCost)} unallocated
            </Typography>
          </>
        ) : (
          money(item.shownCost)
        ),
    },
    {
      title: 'Previous period',
      field: 'previousCost',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: item => (previousUncovered ? '—' : money(item.previousCost)),
    },
    {
      title: 'Change',
      field: 'change',
      type: 'numeric',
      cellStyle: { minWidth: 180 },
      render: item => (
        <ChangeIndicator
          current={item.cost}
          previous={item.previousCost}
          currency={rollup.currency}
          noHistoryBefore={noHistoryBefore}
        />
      ),
    },
    {
      title: 'Share',
      field: 'cost',
      type: 'numeric',
      sorting: false,
      cellStyle: moneyCell(),
      // Of the org total, unallocated included, like the unallocated share.
      render: item =>
        rollup.total > 0 ? formatShare(item.cost / rollup.total) : '—',
    },
  ];
}

/** @public */
export interface RollupCardProps {
  groupBy: RollupGroupBy;
  onGroupByChange(groupBy: RollupGroupBy): void;
  rollup?: RollupResponse;
  loading: boolean;
  error?: Error;
  /** Allocation tags to offer as `tag:<key>` tabs after the others, e.g. `environment`. */
  tags?: string[];
}

/** The tabs: the fixed dimensions, then one per allocation tag (the selected one always among them). */
function tabGroupBys(groupBy: RollupGroupBy, tags: string[]): RollupGroupBy[] {
  const byTag = tags.map((tag): RollupGroupBy => `tag:${tag}`);
  if (groupByTag(groupBy) !== undefined && !byTag.includes(groupBy)) {
    byTag.push(groupBy);
  }
  return [...rollupGroupBys, ...byTag];
}

/**
 * Org-wide spend by team, system, domain, provider, model or allocation tag,
 * with the previous period and the change.
 * @public
 */
export function RollupCard(props: RollupCardProps) {
  const { groupBy, onGroupByChange, rollup, loading, error, tags = [] } = props;
  const id = useId();
  const label = groupByLabel(groupBy);
  // Provider, category and tag items include their unallocated spend and
  // sum to the total; the other groupings sum to the attributed spend.
  const itemsIncludeUnallocated =
    groupBy === 'provider' ||
    groupBy === 'category' ||
    groupByTag(groupBy) !== undefined;

  const table = useMemo(() => {
    if (!rollup) return undefined;
    const [shownAttributed, shownUnallocated] = roundPartsToTotal(
      [rollup.total - rollup.unallocated.cost, rollup.unallocated.cost],
      rollup.total,
    );
    const shownItems = roundPartsToTotal(
      rollup.items.map(item => item.cost),
      itemsIncludeUnallocated ? rollup.total : shownAttributed,
    );
    return {
      columns: columns(rollup, groupBy),
      data: rollup.items.map(
        (item, index): RollupRow => ({
          ...item,
          id: item.key ?? rollupItemLabel(item, groupBy),
          shownCost: shownItems[index],
          change: item.cost - item.previousCost,
        }),
      ),
      shownUnallocated,
      shownAttributed,
    };
  }, [rollup, groupBy, itemsIncludeUnallocated]);

  let body;
  if (loading) {
    body = <Progress aria-label="Loading rollup" />;
  } else if (error) {
    body = <ResponseErrorPanel error={error} />;
  } else if (rollup && table) {
    const money = (value: number) => formatCurrency(value, rollup.currency);
    const windowGap = historyGap(rollup.from, rollup.historyFrom);
    body = (
      <AiCostTable<RollupRow>
        flat
        title={`Spend by ${label.noun}`}
        subtitle={`Attributed ${money(
          table.shownAttributed,
        )} · unallocated ${money(table.shownUnallocated)} · total ${money(
          rollup.total,
        )}${windowGap ? ` · ${dataFromLabel(windowGap)}` : ''}`}
        minWidth={720}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={table.columns}
        data={table.data}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No attributed spend in this period.
          </Typography>
        }
      />
    );
  }

  return (
    <Paper>
      <Tabs
        value={groupBy}
        onChange={(_event, value: RollupGroupBy) => onGroupByChange(value)}
        indicatorColor="primary"
        textColor="primary"
        variant="scrollable"
        aria-label="Group spend by"
      >
        {tabGroupBys(groupBy, tags).map(g => (
          <Tab
            key={g}
            value={g}
            label={groupByLabel(g).tab}
            id={`${id}-tab-${g}`}
            aria-controls={`${id}-panel`}
          />
        ))}
      </Tabs>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${groupBy}`}
      >
        {body}
      </div>
    </Paper>
  );
}
