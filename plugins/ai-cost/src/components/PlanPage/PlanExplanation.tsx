import Typography from '@material-ui/core/Typography';
import type { YearPlanResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatDay } from '../../utils/format';

/** What the plan's cells mean: actual, no data, forecast and its range, and what the year total covers. */
export function PlanExplanation(props: { plan: YearPlanResponse }) {
  const { plan } = props;
  const noData = plan.totals.months.filter(m => m.kind === 'no-data');
  const withData = plan.totals.months.length - noData.length;
  let history = '';
  if (noData.length > 0) {
    history = plan.historyFrom
      ? ` The history begins on ${formatDay(
          plan.historyFrom,
        )}: months before it have no data (—) and the year total covers the ${withData} ${
          withData === 1 ? 'month' : 'months'
        } with data; the month it begins in is actual for the days it has.`
      : ' Nothing has been ingested yet, so no month has data (—).';
  }
  return (
    <Typography variant="body2" color="textSecondary" paragraph>
      Months up to {formatDay(plan.asOf)} are actual spend.{history} Forecasts
      are in italics on a shaded cell with the range that holds 80% of likely
      outcomes as ± below (hover for the amounts); after the current month that
      range comes from the forecast's own past error and widens with the square
      root of the months ahead. Each month the teams and the unallocated spend
      add up to the total.
    </Typography>
  );
}
