import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { UnitCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatUnitCost } from '../../utils/format';
import {
  formatMetricValue,
  perLabel,
  type MetricDescription,
} from '../../utils/metrics';
import { visuallyHidden } from '../../utils/styles';

const useStyles = makeStyles({
  container: { maxHeight: 360, overflow: 'auto' },
  caption: visuallyHidden,
  cell: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
});

/** The unit cost chart's data as a table; a day without a value says "no metric". */
export function UnitCostTable(props: {
  id: string;
  unitCosts: UnitCostsResponse;
  metric: MetricDescription;
  caption: string;
}) {
  const { id, unitCosts, metric, caption } = props;
  const classes = useStyles();
  const { currency } = unitCosts;
  const headers = ['Cost', metric.metric, `Unit cost ${perLabel(metric)}`];
  return (
    <div id={id} className={classes.container}>
      <Table size="small" stickyHeader>
        <caption className={classes.caption}>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Date
            </TableCell>
            {headers.map(header => (
              <TableCell key={header} component="th" scope="col" align="right">
                {header}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {unitCosts.daily.map(day => (
            <TableRow key={day.date}>
              <TableCell component="th" scope="row" role="rowheader">
                {day.date}
              </TableCell>
              <TableCell align="right" className={classes.cell}>
                {formatCurrency(day.cost, currency)}
              </TableCell>
              <TableCell align="right" className={classes.cell}>
                {day.value === null
                  ? 'no metric'
                  : formatMetricValue(day.value, metric)}
              </TableCell>
              <TableCell align="right" className={classes.cell}>
                {day.unitCost === null
                  ? '—'
                  : formatUnitCost(day.unitCost, currency)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
