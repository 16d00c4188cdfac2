import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import type { SpendForecastDay } from '@ai-cost/plugin-ai-cost-common';
import type { StackedDailyData } from '../../utils/chartData';
import { formatCurrency } from '../../utils/format';
import { visuallyHidden } from '../../utils/styles';

const useStyles = makeStyles(theme => ({
  container: { maxHeight: 360, overflow: 'auto' },
  caption: visuallyHidden,
  money: { whiteSpace: 'nowrap' },
  forecast: {
    fontStyle: 'italic',
    '& th, & td': { color: theme.palette.text.secondary },
  },
}));

/**
 * The chart's data as a table: one row per day, one column per series; the
 * projected days follow, marked "forecast", with their total's 80% range.
 */
export function DailyCostTable(props: {
  id: string;
  data: StackedDailyData;
  currency: string;
  caption: string;
  forecastDays?: SpendForecastDay[];
}) {
  const { id, data, currency, caption, forecastDays = [] } = props;
  const classes = useStyles();
  const hasForecast = forecastDays.length > 0;
  const money = (value: number) => formatCurrency(value, currency);
  return (
    <div id={id} className={classes.container}>
      <Table size="small" stickyHeader>
        <caption className={classes.caption}>{caption}</caption>
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">
              Date
            </TableCell>
            {data.series.map(series => (
              <TableCell
                key={series.key}
                component="th"
                scope="col"
                align="right"
              >
                {series.label}
              </TableCell>
            ))}
            <TableCell component="th" scope="col" align="right">
              Total
            </TableCell>
            {hasForecast && (
              <TableCell component="th" scope="col" align="right">
                Forecast range (80%)
              </TableCell>
            )}
          </TableRow>
        </TableHead>
        <TableBody>
          {data.rows.map(row => {
            const total = data.series.reduce(
              (sum, series) => sum + Number(row[series.key] ?? 0),
              0,
            );
            return (
              <TableRow key={row.date}>
                <TableCell component="th" scope="row" role="rowheader">
                  {row.date}
                </TableCell>
                {data.series.map(series => (
                  <TableCell key={series.key} align="right">
                    {formatCurrency(Number(row[series.key] ?? 0), currency)}
                  </TableCell>
                ))}
                <TableCell align="right">
                  {formatCurrency(total, currency)}
                </TableCell>
                {hasForecast && <TableCell />}
              </TableRow>
            );
          })}
          {forecastDays.map(day => (
            <TableRow key={day.date} className={classes.forecast}>
              <TableCell component="th" scope="row" role="rowheader">
                {day.date} (forecast)
              </TableCell>
              {data.series.map(series => (
                <TableCell key={series.key} align="right">
                  —
                </TableCell>
              ))}
              <TableCell align="right" className={classes.money}>
                {money(day.median)}
              </TableCell>
              <TableCell align="right" className={classes.money}>
                {money(day.low)}–{money(day.high)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
