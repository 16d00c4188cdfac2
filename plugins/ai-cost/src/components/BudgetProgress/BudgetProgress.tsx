import Typography from '@material-ui/core/Typography';
import { makeStyles, type Theme } from '@material-ui/core/styles';
import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatFraction,
  formatShare,
} from '../../utils/format';

/** The colour of a budget state: over in the error colour, at risk in the warning colour. */
export function budgetStateColor(
  theme: Theme,
  state: BudgetStatus['state'],
): string {
  switch (state) {
    case 'over':
      return theme.palette.error.main;
    case 'at-risk':
      return theme.palette.warning.main;
    case 'ok':
      return theme.palette.success.main;
    default:
      return theme.palette.primary.main;
  }
}

const useStyles = makeStyles(theme => ({
  root: { margin: theme.spacing(2, 0, 1) },
  track: {
    position: 'relative',
    height: 14,
    borderRadius: 7,
    backgroundColor: theme.palette.action.selected,
    overflow: 'hidden',
  },
  band: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundImage: `repeating-linear-gradient(45deg, ${theme.palette.action.disabled} 0 3px, transparent 3px 6px)`,
  },
  bar: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    backgroundColor: ({ state }: { state: BudgetStatus['state'] }) =>
      budgetStateColor(theme, state),
  },
  median: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 0,
    borderLeft: `2px dashed ${theme.palette.text.primary}`,
  },
  tick: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    marginLeft: -1,
    backgroundColor: theme.palette.background.paper,
  },
  ticks: {
    position: 'relative',
    height: theme.spacing(2.5),
  },
  tickLabel: {
    position: 'absolute',
    top: 2,
    transform: 'translateX(-50%)',
    color: theme.palette.text.secondary,
    whiteSpace: 'nowrap',
  },
  tickCrossed: { color: theme.palette.text.primary, fontWeight: 600 },
  legend: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    color: theme.palette.text.secondary,
  },
  swatch: {
    display: 'inline-block',
    width: 12,
    height: 10,
    marginRight: theme.spacing(0.5),
    verticalAlign: 'middle',
  },
  swatchSpent: {
    backgroundColor: ({ state }: { state: BudgetStatus['state'] }) =>
      budgetStateColor(theme, state),
  },
  swatchBand: {
    backgroundImage: `repeating-linear-gradient(45deg, ${theme.palette.action.disabled} 0 3px, transparent 3px 6px)`,
  },
  swatchMedian: {
    width: 0,
    borderLeft: `2px dashed ${theme.palette.text.primary}`,
  },
}));

/** `39.18%`: a position on the bar, rounded so styles stay stable. */
function position(value: number, scale: number): string {
  const pct = scale > 0 ? Math.min(Math.max(value / scale, 0), 1) * 100 : 0;
  return `${Math.round(pct * 100) / 100}%`;
}

/** Tick labels closer than this many percent of the bar would overlap. */
const MIN_LABEL_GAP = 12;

/**
 * The fractions whose tick gets a label: the budget itself (100%) first,
 * then the highest ones, skipping any that would overlap a kept label.
 */
export function labelledFractions(
  thresholds: Array<{ fraction: number; amount: number }>,
  scale: number,
): Set<number> {
  const kept: number[] = [];
  const labelled = new Set<number>();
  const byPriority = [...thresholds].sort(
    (a, b) =>
      Number(b.fraction === 1) - Number(a.fraction === 1) ||
      b.fraction - a.fraction,
  );
  for (const threshold of byPriority) {
    const at = scale > 0 ? (threshold.amount / scale) * 100 : 0;
    if (kept.every(other => Math.abs(other - at) >= MIN_LABEL_GAP)) {
      kept.push(at);
      labelled.add(threshold.fraction);
    }
  }
  return labelled;
}

/** @public */
export interface BudgetProgressProps {
  spent: number;
  budget: number;
  currency: string;
  state: BudgetStatus['state'];
  /** The forecast of the period's end; drawn as a median marker and an 80% band. */
  forecast?: BudgetStatus['forecast'];
  /** Alert thresholds, drawn as ticks labelled with their percentage. */
  thresholds?: BudgetStatus['thresholds'];
  /** The accessible name of the bar; `Spent of budget` by default. */
  label?: string;
}

/**
 * Spend against a budget: a bar in the state's colour with a tick per
 * threshold, the forecast median as a dashed marker and its 80% band hatched.
 * The scale reaches the budget, the spend or the top of the band, whichever
 * is largest, so an overrun stays visible. Screen readers get the progress
 * as text.
 * @public
 */
export function BudgetProgress(props: BudgetProgressProps) {
  const { spent, budget, currency, state, forecast, thresholds = [] } = props;
  const { label = 'Spent of budget' } = props;
  const classes = useStyles({ state });
  const scale = Math.max(budget, spent, forecast?.high ?? 0);
  const labelled = labelledFractions(thresholds, scale);
  const money = (value: number) => formatCurrency(value, currency);
  const ratio = budget > 0 ? spent / budget : 0;
  const valueText = `${money(spent)} of ${money(budget)} (${formatShare(
    ratio,
  )})`;

  return (
    <div className={classes.root}>
      <div
        className={classes.track}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={Math.min(spent, budget)}
        aria-valuetext={valueText}
      >
        {forecast && forecast.high > forecast.low && (
          <div
            className={classes.band}
            data-testid="forecast-band"
            style={{
              left: position(forecast.low, scale),
              width: `calc(${position(forecast.high, scale)} - ${position(
                forecast.low,
                scale,
              )})`,
            }}
          />
        )}
        <div
          className={classes.bar}
          data-testid="spent-bar"
          style={{ width: position(spent, scale) }}
        />
        {forecast && (
          <div
            className={classes.median}
            data-testid="forecast-median"
            style={{ left: position(forecast.median, scale) }}
          />
        )}
        {thresholds.map(threshold => (
          <div
            key={threshold.fraction}
            className={classes.tick}
            data-testid="threshold-tick"
            style={{ left: position(threshold.amount, scale) }}
          />
        ))}
      </div>
      {thresholds.length > 0 && (
        <div className={classes.ticks} aria-hidden="true">
          {thresholds
            .filter(threshold => labelled.has(threshold.fraction))
            .map(threshold => (
              <Typography
                key={threshold.fraction}
                variant="caption"
                className={`${classes.tickLabel} ${
                  threshold.crossed ? classes.tickCrossed : ''
                }`}
                style={{ left: position(threshold.amount, scale) }}
              >
                {formatFraction(threshold.fraction)}
              </Typography>
            ))}
        </div>
      )}
      {forecast && (
        <Typography
          variant="caption"
          component="div"
          className={classes.legend}
          aria-hidden="true"
        >
          <span>
            <span className={`${classes.swatch} ${classes.swatchSpent}`} />
            Spent
          </span>
          <span>
            <span className={`${classes.swatch} ${classes.swatchBand}`} />
            Forecast, 80% range
          </span>
          <span>
            <span className={`${classes.swatch} ${classes.swatchMedian}`} />
            Forecast median
          </span>
        </Typography>
      )}
    </div>
  );
}
