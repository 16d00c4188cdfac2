import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  addDays,
  type PlanLine,
  type PlanMonth,
  type YearPlanResponse,
} from '@ai-cost/plugin-ai-cost-common';
import { useEffect, useRef } from 'react';
import { formatCurrency, formatDay } from '../../utils/format';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { visuallyHidden } from '../../utils/styles';

const useStyles = makeStyles(theme => ({
  // Compact cells, so that the whole year fits 1400 px; below that the
  // table scrolls sideways (the money does not wrap).
  table: {
    minWidth: 1000,
    '& td, & th': {
      padding: theme.spacing(0.75, 0.75),
      fontSize: '0.8125rem',
    },
    '& th': { whiteSpace: 'nowrap' },
  },
  money: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  forecast: {
    fontStyle: 'italic',
    backgroundColor: theme.palette.action.hover,
  },
  second: {
    display: 'block',
    color: theme.palette.text.secondary,
    fontSize: '0.6875rem',
  },
  srOnly: visuallyHidden,
  // The team stays in view while the months scroll by.
  team: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    minWidth: 130,
    backgroundColor: theme.palette.background.paper,
  },
  totals: { '& td, & th': { fontWeight: theme.typography.fontWeightBold } },
}));

const monthFormat = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  timeZone: 'UTC',
});

/** `2026-11` → `Nov`. */
function shortMonth(month: string): string {
  return monthFormat.format(new Date(`${month}-01T00:00:00Z`));
}

/** The wider side of a band as a share of its median: `±12%`; none around 0. */
function bandPercent(month: PlanMonth): string | undefined {
  if (!month.amount || month.low === null || month.high === null) {
    return undefined;
  }
  const half = Math.max(month.high - month.amount, month.amount - month.low);
  return `±${Math.round((half / month.amount) * 100)}%`;
}

function MonthCell(props: {
  month: PlanMonth;
  currency: string;
  noData: string;
}) {
  const { month, currency, noData } = props;
  const classes = useStyles();
  const money = (value: number) => formatCurrency(value, currency);
  if (month.amount === null) {
    return (
      <TableCell
        align="right"
        className={classes.money}
        data-kind="no-data"
        title={noData}
      >
        —
      </TableCell>
    );
  }
  if (month.kind !== 'forecast' || month.low === null || month.high === null) {
    return (
      <TableCell align="right" className={classes.money}>
        {money(month.amount)}
      </TableCell>
    );
  }
  const range = `80% range ${money(month.low)}–${money(month.high)}`;
  const percent = bandPercent(month);
  return (
    <TableCell
      align="right"
      className={`${classes.money} ${classes.forecast}`}
      data-kind="forecast"
      title={range}
    >
      {money(month.amount)}
      {percent && (
        <span aria-hidden className={classes.second}>
          {percent}
        </span>
      )}
      <span className={classes.srOnly}>, {range}</span>
    </TableCell>
  );
}

/** Scrolls the table's region sideways so that the current month's column is in view. */
function useCurrentMonthInView(plan: YearPlanResponse) {
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    const region = table.current?.parentElement;
    const cell = table.current?.querySelector<HTMLElement>(
      'th[data-current="true"]',
    );
    if (!region || !cell) return;
    const overflow = cell.offsetLeft + cell.offsetWidth - region.clientWidth;
    if (overflow > region.scrollLeft) region.scrollLeft = overflow;
  }, [plan]);
  return table;
}

/**
 * The year's plan: a row per team with its budget below its name, a cell
 * per month — actual spend upright, forecasts in italics on a shaded cell
 * with their 80% range as ± below (the amounts on hover), "—" before the
 * history — the year's total, then the unallocated spend and the totals,
 * which the rows add up to. Compact, so that the year fits 1400 px; on
 * narrower screens it scrolls sideways with the team column in view and
 * starts scrolled to the current month.
 */
export function PlanTable(props: { plan: YearPlanResponse }) {
  const { plan } = props;
  const classes = useStyles();
  const scrollCue = useScrollCueStyles();
  const table = useCurrentMonthInView(plan);
  const { currency } = plan;
  const months = plan.totals.months;
  // The month of the day after the last complete one.
  const current = addDays(plan.asOf, 1).slice(0, 7);
  const noData = plan.historyFrom
    ? `No data: the history begins on ${formatDay(plan.historyFrom)}`
    : 'No data: nothing has been ingested yet';
  const row = (
    key: string,
    name: React.ReactNode,
    budget: string | undefined,
    line: PlanLine,
    className?: string,
  ) => (
    <TableRow key={key} className={className} data-testid={`plan-row-${key}`}>
      <TableCell component="th" scope="row" className={classes.team}>
        {name}
        {budget && (
          <Typography variant="caption" className={classes.second}>
            Budget {budget}
          </Typography>
        )}
      </TableCell>
      {line.months.map(month => (
        <MonthCell
          key={month.month}
          month={month}
          currency={currency}
          noData={noData}
        />
      ))}
      <TableCell align="right" className={classes.money}>
        {line.total === null ? '—' : formatCurrency(line.total, currency)}
      </TableCell>
    </TableRow>
  );
  return (
    // Focusable, so that keyboard users can scroll it sideways.
    <Box
      className={scrollCue.scroll}
      role="region"
      aria-label={`Plan ${plan.year}, scrolls sideways`}
      tabIndex={0}
    >
      <Table
        ref={table}
        size="small"
        aria-label={`AI spend plan ${plan.year}`}
        className={classes.table}
      >
        <TableHead>
          <TableRow>
            <TableCell className={classes.team}>Team</TableCell>
            {months.map(month => (
              <TableCell
                key={month.month}
                align="right"
                className={month.kind === 'forecast' ? classes.forecast : ''}
                data-current={month.month === current}
              >
                {shortMonth(month.month)}
                {month.kind === 'forecast' && (
                  <span className={classes.second}> forecast</span>
                )}
              </TableCell>
            ))}
            <TableCell align="right">Year total</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {plan.teams.map(team =>
            row(
              team.entityRef,
              <EntityRefLink entityRef={team.entityRef}>
                {team.title}
              </EntityRefLink>,
              team.budget
                ? `${formatCurrency(team.budget.amount, currency)} / ${
                    team.budget.period
                  }`
                : undefined,
              team,
            ),
          )}
          {row('unallocated', 'Unallocated', undefined, plan.unallocated)}
          {row('total', 'Total', undefined, plan.totals, classes.totals)}
        </TableBody>
      </Table>
    </Box>
  );
}
