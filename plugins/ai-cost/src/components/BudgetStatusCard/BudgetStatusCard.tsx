import type { ReactNode } from 'react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import { CodeSnippet, InfoCard } from '@backstage/core-components';
import {
  ANNOTATION_MONTHLY_BUDGET,
  type BudgetStatus,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay, formatShare } from '../../utils/format';
import { yamlScalar } from '../../utils/snippets';
import { BudgetProgress, budgetStateColor } from '../BudgetProgress';
import { ScopedBudgets } from './ScopedBudgets';
import {
  accuracyText,
  breachText,
  budgetPeriodLabels,
  budgetSourceText,
  budgetStateLabels,
  periodText,
  thresholdText,
} from './budgetText';

type StyleProps = { state: BudgetStatus['state'] };

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  breach: {
    fontWeight: 600,
    color: ({ state }: StyleProps) =>
      state === 'ok'
        ? theme.palette.text.secondary
        : budgetStateColor(theme, state),
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
  thresholds: { margin: 0, paddingLeft: theme.spacing(2) },
  crossed: { fontWeight: 600 },
}));

/** The `catalog-info.yaml` lines that set a default monthly budget. */
export function monthlyBudgetSnippet(amount = '2500'): string {
  return [
    'metadata:',
    '  annotations:',
    `    ${ANNOTATION_MONTHLY_BUDGET}: ${yamlScalar(amount)}`,
    '',
  ].join('\n');
}

/** @public */
export interface BudgetStatusCardProps {
  status: BudgetStatus;
  /** The entity's name for people, used in the empty state. */
  entityName?: string;
  /** Shown at the bottom of the card, e.g. an "Edit budget" button. */
  actions?: ReactNode;
}

function StateChip({ state }: StyleProps) {
  const theme = useTheme();
  const backgroundColor = budgetStateColor(theme, state);
  return (
    <Chip
      size="small"
      label={budgetStateLabels[state]}
      style={{
        backgroundColor,
        color: theme.palette.getContrastText(backgroundColor),
        fontWeight: 600,
      }}
    />
  );
}

/** The card of an entity without a budget: how to set one. */
function NoBudget(props: BudgetStatusCardProps) {
  const { status, entityName, actions } = props;
  const money = (value: number) => formatCurrency(value, status.currency);
  const { period } = status;
  return (
    <InfoCard title="AI budget" subheader="No budget set" actions={actions}>
      <Typography variant="body2" paragraph>
        {entityName ?? 'This entity'} has no AI budget. It spent{' '}
        {money(status.spent)} from {formatDay(period.start)} to{' '}
        {formatDay(period.asOf)}; the forecast for {formatDay(period.end)} is{' '}
        {money(status.forecast.median)}.
      </Typography>
      <Typography variant="body2" paragraph>
        Set a default monthly budget with the{' '}
        <code>{ANNOTATION_MONTHLY_BUDGET}</code> annotation in its{' '}
        <code>catalog-info.yaml</code>: an amount, optionally followed by the
        currency (<code>2500 USD</code>), and budgets of one environment or
        other allocation tag value (<code>2500 USD, staging=300 USD</code>).
        Owners are notified when spend or the forecast reaches 50%, 80% and 100%
        of it. A budget set in the portal overrides the annotation.
      </Typography>
      <Box maxWidth={480}>
        <CodeSnippet
          language="yaml"
          text={monthlyBudgetSnippet()}
          showCopyCodeButton
        />
      </Box>
      <ScopedBudgets statuses={status.scoped} />
    </InfoCard>
  );
}

/**
 * Spend of the current period against the budget: progress with threshold
 * ticks, the forecast with its 80% band, when the budget is (projected to be)
 * exceeded, thresholds reached, when the period resets, forecast accuracy and
 * where the budget comes from, then the budgets scoped to one allocation tag
 * value. Without a budget it explains the `ai-cost/monthly-budget`
 * annotation.
 * @public
 */
export function BudgetStatusCard(props: BudgetStatusCardProps) {
  const { status, actions } = props;
  const classes = useStyles({ state: status.state });
  if (status.budget === null || status.state === 'none') {
    return <NoBudget {...props} />;
  }
  const { budget, currency, forecast, period } = status;
  const money = (value: number) => formatCurrency(value, currency);

  return (
    <InfoCard
      title="AI budget"
      subheader={`${
        budgetPeriodLabels[period.period]
      } budget, ${budgetSourceText(status.source).toLocaleLowerCase('en-US')}`}
      action={<StateChip state={status.state} />}
      actions={actions}
    >
      <div className={classes.headline}>
        <Typography variant="h4" component="p">
          {money(status.spent)}
        </Typography>
        <Typography variant="body1" component="p" color="textSecondary">
          of {money(budget)} ({formatShare(status.spent / budget)})
        </Typography>
      </div>
      <BudgetProgress
        spent={status.spent}
        budget={budget}
        currency={currency}
        state={status.state}
        forecast={forecast}
        thresholds={status.thresholds}
      />
      <Typography variant="body2" className={classes.breach}>
        {breachText(status)}
      </Typography>
      <dl className={classes.facts}>
        <dt>Forecast</dt>
        <dd>
          {money(forecast.median)} by {formatDay(period.end)} (80% range{' '}
          {money(forecast.low)} – {money(forecast.high)})
        </dd>
        <dt>Thresholds</dt>
        <dd>
          <ul className={classes.thresholds} aria-label="Thresholds">
            {status.thresholds.map(threshold => (
              <li
                key={threshold.fraction}
                className={threshold.crossed ? classes.crossed : undefined}
              >
                {thresholdText(threshold, status)}
              </li>
            ))}
          </ul>
        </dd>
        <dt>Period</dt>
        <dd>{periodText(period)}</dd>
        <dt>As of</dt>
        <dd>{formatDay(period.asOf)} (last complete day)</dd>
        {status.forecastAccuracy && (
          <>
            <dt>Forecast accuracy</dt>
            <dd>{accuracyText(status.forecastAccuracy)}</dd>
          </>
        )}
        <dt>Source</dt>
        <dd>{budgetSourceText(status.source)}</dd>
      </dl>
      <ScopedBudgets statuses={status.scoped} />
    </InfoCard>
  );
}
