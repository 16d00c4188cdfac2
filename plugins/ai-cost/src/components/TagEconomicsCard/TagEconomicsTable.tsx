import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import type { TableColumn } from '@backstage/core-components';
import type { RollupResponse } from '@ai-cost/plugin-ai-cost-common';
import { saveBlob } from '../../utils/download';
import {
  formatCurrency,
  formatShare,
  formatUnitCost,
} from '../../utils/format';
import {
  formatMetricValue,
  perLabel,
  type MetricDescription,
} from '../../utils/metrics';
import { historyGap } from '../../utils/history';
import { previousWindow } from '../../utils/period';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { ChangeIndicator } from '../ChangeIndicator';
import {
  compareRows,
  DEFAULT_ORDER,
  ECONOMICS_TAGS,
  economicsCsv,
  economicsRows,
  shownTotal,
  sortRows,
  type EconomicsOrder,
  type EconomicsRow,
  type EconomicsSortField,
  type EconomicsTag,
} from './economicsRows';

const useStyles = makeStyles(theme => ({
  negative: { color: theme.palette.error.main },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    padding: theme.spacing(1, 2, 2),
  },
}));

type Column = TableColumn<EconomicsRow> & { field: EconomicsSortField };

function sortable(field: EconomicsSortField) {
  return {
    field,
    customSort: (
      a: EconomicsRow,
      b: EconomicsRow,
      _type: 'row' | 'group',
      direction?: 'desc',
    ) => compareRows(a, b, field, direction ?? 'asc'),
  };
}

/** A number, or a dash where there is none. */
function orDash<T>(
  value: number | null | undefined,
  format: (v: number) => T,
): T | string {
  return value === null || value === undefined ? '—' : format(value);
}

function useColumns(
  tag: EconomicsTag,
  currency: string,
  metric: MetricDescription,
  /** The first day of history when the previous period starts before it. */
  noHistoryBefore: string | undefined,
): Column[] {
  const classes = useStyles();
  return useMemo(() => {
    const money = (value: number) => formatCurrency(value, currency);
    const signed = (value: number, text: string) =>
      value < 0 ? <span className={classes.negative}>{text}</span> : text;
    const columns: Column[] = [
      {
        title: ECONOMICS_TAGS[tag].column,
        ...sortable('name'),
        highlight: true,
        cellStyle: nameCell({ noWrap: true }),
      },
      {
        title: 'Cost',
        ...sortable('cost'),
        type: 'numeric',
        defaultSort: 'desc',
        cellStyle: moneyCell(),
        render: row => money(row.shownCost),
      },
      {
        title: 'Trend',
        ...sortable('change'),
        type: 'numeric',
        cellStyle: { minWidth: 180 },
        render: row => (
          <ChangeIndicator
            current={row.cost}
            previous={row.previousCost}
            currency={currency}
            noHistoryBefore={noHistoryBefore}
          />
        ),
      },
      {
        title: metric.metric,
        ...sortable('metricValue'),
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row =>
          orDash(row.metricValue, value => formatMetricValue(value, metric)),
      },
      {
        title: `Unit cost ${perLabel(metric)}`,
        ...sortable('unitCost'),
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row =>
          orDash(row.unitCost, value => formatUnitCost(value, currency)),
      },
    ];
    if (metric.money) {
      columns.push(
        {
          title: 'Margin',
          ...sortable('margin'),
          type: 'numeric',
          cellStyle: moneyCell(),
          render: row =>
            orDash(row.margin, value => signed(value, money(value))),
        },
        {
          title: 'Margin %',
          ...sortable('marginPercent'),
          type: 'numeric',
          cellStyle: moneyCell(),
          render: row =>
            orDash(row.marginPercent, value =>
              signed(value, formatShare(value)),
            ),
        },
      );
    }
    return columns;
  }, [tag, currency, metric, noHistoryBefore, classes.negative]);
}

/**
 * Cost, metric, unit cost and (for money metrics) margin of each value of
 * an allocation tag, sortable, with a CSV of exactly the rows shown in the
 * order shown; its cost column adds up to the total under the table.
 */
export function TagEconomicsTable(props: {
  tag: EconomicsTag;
  rollup: RollupResponse;
  metric: MetricDescription;
}) {
  const { tag, rollup, metric } = props;
  const classes = useStyles();
  const names = ECONOMICS_TAGS[tag];
  const columns = useColumns(
    tag,
    rollup.currency,
    metric,
    historyGap(previousWindow(rollup.from, rollup.to).from, rollup.historyFrom),
  );
  const rows = useMemo(() => economicsRows(tag, rollup), [tag, rollup]);
  const [order, setOrder] = useState<EconomicsOrder>(DEFAULT_ORDER);
  const total = shownTotal(rows);

  const download = () => {
    const csv = economicsCsv(sortRows(rows, order));
    saveBlob(
      new Blob([csv], { type: 'text/csv;charset=utf-8' }),
      `ai-cost-${names.plural}-${metric.metric}-${rollup.from}-${rollup.to}.csv`,
    );
  };

  return (
    <>
      <AiCostTable<EconomicsRow>
        flat
        title={`Cost and ${metric.metric} by ${names.singular}`}
        minWidth={metric.money ? 960 : 760}
        options={{ paging: false, search: false, padding: 'dense' }}
        columns={columns}
        data={rows}
        onOrderChange={(index, direction) => {
          const field = columns[index]?.field;
          setOrder(field && direction ? { field, direction } : DEFAULT_ORDER);
        }}
        emptyContent={
          <Typography style={{ padding: 16 }}>
            No spend or {metric.metric} by {names.singular} in this period.
          </Typography>
        }
      />
      <div className={classes.footer}>
        <Typography variant="body2">
          Total {formatCurrency(total, rollup.currency)} over{' '}
          {rows.length === 1 ? '1 row' : `${rows.length} rows`}
        </Typography>
        <Button
          variant="outlined"
          color="primary"
          startIcon={<GetAppIcon />}
          onClick={download}
          disabled={rows.length === 0}
        >
          Download CSV
        </Button>
      </div>
    </>
  );
}
