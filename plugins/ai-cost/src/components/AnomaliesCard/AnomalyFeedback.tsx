import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  anomalyFeedbackValues,
  type Anomaly,
  type AnomalyFeedbackValue,
} from '@ai-cost/plugin-ai-cost-common';
import { formatDay } from '../../utils/format';
import { feedbackLabels, personLabel } from './anomalyText';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginTop: theme.spacing(1),
  },
}));

/** @public */
export interface AnomalyFeedbackProps {
  anomaly: Anomaly;
  /** The value being sent, while it is. */
  pending?: AnomalyFeedbackValue;
  onFeedback(value: AnomalyFeedbackValue): void;
}

/**
 * "Was this anomaly accurate, expected, or not an issue?" as three toggle
 * buttons, with the feedback recorded so far and who gave it.
 * @public
 */
export function AnomalyFeedback(props: AnomalyFeedbackProps) {
  const { anomaly, pending, onFeedback } = props;
  const classes = useStyles();
  const current = anomaly.feedback;
  return (
    <div className={classes.root}>
      <div role="group" aria-label={`Feedback on anomaly ${anomaly.id}`}>
        {anomalyFeedbackValues.map(value => {
          const pressed = (pending ?? current?.value) === value;
          return (
            <Button
              key={value}
              size="small"
              variant={pressed ? 'contained' : 'outlined'}
              color={pressed ? 'primary' : 'default'}
              aria-pressed={pressed}
              disabled={Boolean(pending)}
              onClick={() => onFeedback(value)}
              style={{ marginRight: 4 }}
            >
              {feedbackLabels[value]}
            </Button>
          );
        })}
      </div>
      <Typography variant="caption" color="textSecondary" aria-live="polite">
        {pending && 'Saving your feedback…'}
        {!pending &&
          current &&
          `Marked as ${feedbackLabels[current.value].toLocaleLowerCase(
            'en-US',
          )} by ${personLabel(current.by)} on ${formatDay(
            current.at.slice(0, 10),
          )}${current.comment ? `: “${current.comment}”` : ''}`}
      </Typography>
    </div>
  );
}
