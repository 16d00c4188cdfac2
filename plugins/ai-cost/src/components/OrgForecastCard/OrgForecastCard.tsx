import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import type { SpendForecast } from '@ai-cost/plugin-ai-cost-common';
import { useSpendForecast } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { formatCurrency, formatDay } from '../../utils/format';
import { accuracyText } from '../BudgetStatusCard/budgetText';
import { CardError } from '../CardError';

const useStyles = makeStyles(theme => ({
  layout: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(1, 4),
  },
  headline: { minWidth: 0 },
  money: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: 0,
    flex: '1 1 320px',
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
}));

/** What the organisation's forecast covers, in words. */
export const ORG_FORECAST_COVERS =
  'All AI spend in the organization, unallocated spend included';

/** Whole cents of an amount as it is shown (kept to the micro-unit first). */
function shownCents(amount: number): number {
  return Math.round(Math.round(amount * 1e6) / 1e4);
}

function daysText(count: number): string {
  return count === 1 ? '1 remaining day' : `${count} remaining days`;
}

/** The month-end figure: median, range, spent so far and what is still projected. */
export function ForecastSummary(props: { forecast: SpendForecast }) {
  const { forecast } = props;
  const classes = useStyles();
  const { currency, period } = forecast;
  const money = (value: number) => formatCurrency(value, currency);
  const spentDays =
    period.asOf >= period.start
      ? `${formatDay(period.start)} – ${formatDay(period.asOf)}`
      : 'nothing yet';
  const month = forecast.forecast;
  // The projected part is what the shown median adds to the shown spend.
  const projected = month
    ? (shownCents(month.median) - shownCents(forecast.spent)) / 100
    : 0;

  return (
    <div className={classes.layout}>
      <div className={classes.headline}>
        {month ? (
          <>
            <Typography variant="h4" component="p" className={classes.money}>
              {money(month.median)}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              by {formatDay(period.end)} ·{' '}
              <span className={classes.money}>
                range {money(month.low)}–{money(month.high)}
              </span>{' '}
              (80%)
            </Typography>
          </>
        ) : (
          <Typography variant="h6" component="p">
            No forecast
          </Typography>
        )}
      </div>
      <dl className={classes.facts} aria-label="Month-end forecast details">
        <dt>Spent so far</dt>
        <dd>
          <span className={classes.money}>{money(forecast.spent)}</span> (
          {spentDays})
          {forecast.unallocatedSpent !== null &&
            forecast.unallocatedSpent > 0 && (
              <>
                , incl.{' '}
                <span className={classes.money}>
                  {money(forecast.unallocatedSpent)}
                </span>{' '}
                unallocated
              </>
            )}
        </dd>
        {month && (
          <>
            <dt>Projected</dt>
            <dd>
              <span className={classes.money}>{money(projected)}</span> over the{' '}
              {daysText(period.daysRemaining)}
            </dd>
          </>
        )}
        {forecast.entityRef === null && (
          <>
            <dt>Covers</dt>
            <dd>{ORG_FORECAST_COVERS}</dd>
          </>
        )}
        <dt>Accuracy</dt>
        <dd>
          {forecast.accuracy
            ? accuracyText(forecast.accuracy)
            : 'Not known yet: needs a complete month of history'}
        </dd>
        <dt>Basis</dt>
        <dd>{forecast.basis.description}</dd>
      </dl>
    </div>
  );
}

/**
 * The organisation's month-end forecast on the org page: all AI spend,
 * unallocated included, with its range, spend so far and accuracy.
 */
export function OrgForecastCard() {
  const { value, loading, error, retry } = useSpendForecast();
  let body = null;
  if (loading) {
    body = <Progress aria-label="Loading the month-end forecast" />;
  } else if (error && isForbidden(error)) {
    body = (
      <Typography variant="body2">
        The organization's forecast needs the ai-cost.org.read permission.
      </Typography>
    );
  } else if (error) {
    body = (
      <CardError what="the month-end forecast" error={error} onRetry={retry} />
    );
  } else if (value) {
    body = <ForecastSummary forecast={value} />;
  }
  return (
    <InfoCard
      title="Month-end forecast"
      subheader={
        value
          ? `${formatDay(value.period.start)} – ${formatDay(value.period.end, {
              withYear: true,
            })}, as of ${formatDay(value.period.asOf)}`
          : undefined
      }
    >
      {body}
    </InfoCard>
  );
}
