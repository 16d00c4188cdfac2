import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  change,
  formatCurrency,
  formatCurrencyChange,
  formatPercentChange,
} from '../../utils/format';
import { noHistoryBeforeLabel } from '../../utils/history';
import { visuallyHidden } from '../../utils/styles';

const useStyles = makeStyles(theme => ({
  up: { color: theme.palette.error.main },
  down: { color: theme.palette.success.main },
  flat: { color: theme.palette.text.secondary },
  srOnly: visuallyHidden,
}));

/** @public */
export interface ChangeIndicatorProps {
  current: number;
  previous: number;
  currency: string;
  /** Shown after the change, e.g. "vs 2026-09-24 – 2026-10-23". */
  suffix?: string;
  /**
   * The first day of history when the previous period starts before it
   * (see `historyGap`): no change is shown, since spend before that day
   * was never ingested.
   */
  noHistoryBefore?: string;
}

/**
 * The change of a cost against the previous period: `▲ +$234.57 (+23.5%)`.
 * Cost going up is shown in the error colour, going down in the success
 * colour; screen readers hear "up"/"down" and the previous amount.
 * @public
 */
export function ChangeIndicator(props: ChangeIndicatorProps) {
  const { current, previous, currency, suffix, noHistoryBefore } = props;
  const classes = useStyles();
  const { delta, ratio } = change(current, previous);
  const tail = suffix ? ` ${suffix}` : '';
  if (noHistoryBefore) {
    return (
      <Typography component="span" variant="body2" className={classes.flat}>
        {noHistoryBeforeLabel(noHistoryBefore)} to compare with
      </Typography>
    );
  }

  if (delta === 0) {
    return (
      <Typography component="span" variant="body2" className={classes.flat}>
        No change{tail}
      </Typography>
    );
  }
  if (ratio === null) {
    return (
      <Typography component="span" variant="body2" className={classes.up}>
        New spend: {formatCurrencyChange(delta, currency)}
        {tail}
      </Typography>
    );
  }
  const up = delta > 0;
  return (
    <Typography
      component="span"
      variant="body2"
      className={up ? classes.up : classes.down}
    >
      <span aria-hidden="true">{up ? '▲ ' : '▼ '}</span>
      <span className={classes.srOnly}>{up ? 'up ' : 'down '}</span>
      {formatCurrencyChange(delta, currency)} ({formatPercentChange(ratio)})
      <span className={classes.srOnly}>
        {` from ${formatCurrency(previous, currency)}`}
      </span>
      {tail}
    </Typography>
  );
}
