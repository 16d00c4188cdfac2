import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { UnitCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatPercentChange,
  formatUnitCost,
} from '../../utils/format';
import {
  formatMetricValue,
  perLabel,
  type MetricDescription,
} from '../../utils/metrics';
import { visuallyHidden } from '../../utils/styles';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  flat: { color: theme.palette.text.secondary },
  srOnly: visuallyHidden,
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
}));

/** The unit cost's change against the previous period; rising in the error colour. */
function UnitCostChange(props: {
  ratio: number | null;
  previous: number | null;
  currency: string;
  per: string;
}) {
  const { ratio, previous, currency, per } = props;
  const classes = useStyles();
  const before =
    previous === null
      ? ''
      : ` (was ${formatUnitCost(previous, currency)} ${per})`;
  if (ratio === null) {
    return (
      <Typography component="p" variant="body2" className={classes.flat}>
        No unit cost in the previous period to compare with
      </Typography>
    );
  }
  if (ratio === 0) {
    return (
      <Typography component="p" variant="body2" className={classes.flat}>
        No change vs the previous period{before}
      </Typography>
    );
  }
  const up = ratio > 0;
  return (
    <Typography
      component="p"
      variant="body2"
      className={up ? classes.up : classes.down}
    >
      <span aria-hidden="true">{up ? '▲ ' : '▼ '}</span>
      <span className={classes.srOnly}>{up ? 'up ' : 'down '}</span>
      {formatPercentChange(ratio)} vs the previous period{before}
    </Typography>
  );
}

/**
 * The headline figures: unit cost with what it is per, its change against
 * the previous period, and the cost and metric value behind it.
 */
export function UnitCostFigures(props: {
  unitCosts: UnitCostsResponse;
  metric: MetricDescription;
}) {
  const { unitCosts, metric } = props;
  const { total, previous, change, currency } = unitCosts;
  const classes = useStyles();
  const per = perLabel(metric);
  const money = (value: number) => formatCurrency(value, currency);
  return (
    <>
      <div className={classes.headline}>
        <Typography variant="h4" component="p">
          {total.unitCost === null
            ? 'No unit cost'
            : formatUnitCost(total.unitCost, currency)}
        </Typography>
        {total.unitCost !== null && (
          <Typography variant="subtitle1" component="span">
            {per}
          </Typography>
        )}
      </div>
      <UnitCostChange
        ratio={change.unitCost}
        previous={previous.unitCost}
        currency={currency}
        per={per}
      />
      <dl className={classes.facts}>
        <dt>Cost</dt>
        <dd>
          {money(total.cost)}
          {change.cost !== null &&
            ` (${formatPercentChange(change.cost)} vs previous)`}
        </dd>
        <dt>{metric.metric}</dt>
        <dd>
          {total.value === null
            ? 'no metric in this period'
            : formatMetricValue(total.value, metric)}
          {change.value !== null &&
            ` (${formatPercentChange(change.value)} vs previous)`}
        </dd>
      </dl>
    </>
  );
}
