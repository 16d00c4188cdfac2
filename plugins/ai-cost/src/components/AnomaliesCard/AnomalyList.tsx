import { useEffect, useState } from 'react';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme, type Theme } from '@material-ui/core/styles';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type {
  Anomaly,
  AnomalyFeedbackValue,
  AnomalySeverity,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { useNotify } from '../../hooks';
import { errorMessage } from '../../utils/errors';
import {
  formatCurrency,
  formatCurrencyChange,
  formatPercentChange,
  formatShare,
} from '../../utils/format';
import { AnomalyFeedback } from './AnomalyFeedback';
import {
  anomalyDates,
  anomalySubject,
  anomalySpan,
  feedbackLabels,
  foldIncidents,
  isClosed,
  rootCauseLabel,
  severityLabels,
  topRootCauses,
} from './anomalyText';

const useStyles = makeStyles(theme => ({
  item: { display: 'block', padding: theme.spacing(1.5, 0) },
  closed: { opacity: 0.75 },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  subject: { fontWeight: 600 },
  figures: { fontVariantNumeric: 'tabular-nums' },
  impact: { color: theme.palette.error.main, fontWeight: 600 },
  causes: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

/** Critical and high in error colours, medium in the warning colour, low neutral. */
function severityColor(
  theme: Theme,
  severity: AnomalySeverity,
): string | undefined {
  switch (severity) {
    case 'critical':
      return theme.palette.error.dark;
    case 'high':
      return theme.palette.error.main;
    case 'medium':
      return theme.palette.warning.main;
    default:
      return undefined;
  }
}

function SeverityChip({ severity }: { severity: AnomalySeverity }) {
  const theme = useTheme();
  const backgroundColor = severityColor(theme, severity);
  return (
    <Chip
      size="small"
      label={`${severityLabels[severity]} severity`}
      style={
        backgroundColor
          ? {
              backgroundColor,
              color: theme.palette.getContrastText(backgroundColor),
            }
          : undefined
      }
    />
  );
}

/** @public */
export interface AnomalyListProps {
  anomalies: Anomaly[];
  currency: string;
  /**
   * The entity whose card this is; anomalies of other entities (its
   * descendants, or everyone on the org page) name their entity.
   */
  entityRef?: string;
}

/**
 * Anomalies with expected vs actual spend, the impact in money and percent,
 * severity, dates, top root causes with their contribution, and feedback
 * buttons that record accurate / expected / not an issue.
 * @public
 */
export function AnomalyList(props: AnomalyListProps) {
  const { currency, entityRef } = props;
  const classes = useStyles();
  const api = useApi(aiCostApiRef);
  const notify = useNotify();
  const [anomalies, setAnomalies] = useState(props.anomalies);
  const [pending, setPending] = useState<
    Record<string, AnomalyFeedbackValue | undefined>
  >({});
  useEffect(() => setAnomalies(props.anomalies), [props.anomalies]);
  const money = (value: number) => formatCurrency(value, currency);

  async function sendFeedback(id: string, value: AnomalyFeedbackValue) {
    setPending(p => ({ ...p, [id]: value }));
    try {
      const updated = await api.setAnomalyFeedback(id, { feedback: value });
      setAnomalies(list => list.map(a => (a.id === id ? updated : a)));
    } catch (error) {
      notify({
        message: `Could not record your feedback: ${errorMessage(error)}`,
        status: 'danger',
      });
    } finally {
      setPending(p => ({ ...p, [id]: undefined }));
    }
  }

  return (
    <List disablePadding aria-label="Anomalies">
      {foldIncidents(anomalies).map(({ anomaly, folded }) => {
        const causes = topRootCauses(anomaly);
        const closed = isClosed(anomaly);
        return (
          <ListItem
            key={anomaly.id}
            className={`${classes.item} ${closed ? classes.closed : ''}`}
            divider
            aria-label={`${anomalySubject(anomaly)}, ${anomalyDates(anomaly)}`}
          >
            <div className={classes.heading}>
              <SeverityChip severity={anomaly.severity} />
              {closed && anomaly.feedback && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={`Closed: ${feedbackLabels[anomaly.feedback.value]}`}
                />
              )}
              <Typography variant="body2" className={classes.subject}>
                {anomalySubject(anomaly)}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                {anomalyDates(anomaly)}
              </Typography>
              {anomaly.entityRef !== entityRef && (
                <Typography variant="body2">
                  <EntityRefLink entityRef={anomaly.entityRef} />
                </Typography>
              )}
            </div>
            <Typography variant="body2" className={classes.figures}>
              {anomalySpan(anomaly)}: expected {money(anomaly.expected)}, actual{' '}
              {money(anomaly.actual)}
              {' · '}
              <span className={classes.impact}>
                {formatCurrencyChange(anomaly.impact, currency)} (
                {formatPercentChange(anomaly.impactPct / 100)})
              </span>
            </Typography>
            {causes.length > 0 && (
              <ul
                className={classes.causes}
                aria-label={`Top causes of anomaly ${anomaly.id}`}
              >
                {causes.map(cause => (
                  <li key={`${cause.dimension}:${cause.key}`}>
                    <Typography variant="body2" component="span">
                      {rootCauseLabel(cause)}:{' '}
                      {formatCurrencyChange(cause.contribution, currency)},{' '}
                      {formatShare(cause.share)} of the{' '}
                      {anomaly.impact >= 0 ? 'increase' : 'decrease'}
                    </Typography>
                  </li>
                ))}
              </ul>
            )}
            {folded.length > 0 && (
              <Typography variant="body2" color="textSecondary">
                One incident with{' '}
                {folded
                  .map(
                    f =>
                      `${anomalySubject(f)} (${anomalyDates(
                        f,
                      )}, ${formatCurrencyChange(f.impact, currency)})`,
                  )
                  .join('; ')}
                , flagged on the same days and counted in the figures above.
              </Typography>
            )}
            <AnomalyFeedback
              anomaly={anomaly}
              pending={pending[anomaly.id]}
              onFeedback={value => sendFeedback(anomaly.id, value)}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
