import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { ChargebackAdjustment } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrencyChange } from '../../utils/format';

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2) },
  amount: { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' },
}));

/** @public */
export interface AdjustmentListProps {
  adjustments: ChargebackAdjustment[];
  /** The amounts shown, rounded so they add up to the adjustments total. */
  shown: number[];
  currency: string;
  /** Names the list for screen readers, e.g. "Adjustments of Search Team". */
  label: string;
}

/** Restatements of closed months booked on a line, with their reason as tooltip. @public */
export function AdjustmentList(props: AdjustmentListProps) {
  const { adjustments, shown, currency, label } = props;
  const classes = useStyles();
  if (adjustments.length === 0) return null;
  return (
    <ul className={classes.list} aria-label={label}>
      {adjustments.map((adjustment, i) => (
        <Typography
          key={`${adjustment.month}-${i}`}
          component="li"
          variant="body2"
          color="textSecondary"
        >
          <Tooltip title={adjustment.reason}>
            <span>
              restatement of {adjustment.month}:{' '}
              <span className={classes.amount}>
                {formatCurrencyChange(shown[i], currency)}
              </span>
            </span>
          </Tooltip>
        </Typography>
      ))}
    </ul>
  );
}
