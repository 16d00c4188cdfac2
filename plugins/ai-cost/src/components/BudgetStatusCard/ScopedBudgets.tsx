import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency } from '../../utils/format';
import { BudgetProgress } from '../BudgetProgress';
import { budgetStateLabels, scopeLabel } from './budgetText';

const useStyles = makeStyles(theme => ({
  root: {
    marginTop: theme.spacing(2),
    paddingTop: theme.spacing(1),
    borderTop: `1px solid ${theme.palette.divider}`,
  },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  item: { marginTop: theme.spacing(1) },
}));

/**
 * The budgets of an entity scoped to one allocation tag value, under its
 * overall budget: `staging: $120.00 of $300.00 · On track` with a progress
 * bar and threshold ticks each. Nothing without scoped budgets.
 */
export function ScopedBudgets({ statuses }: { statuses?: BudgetStatus[] }) {
  const classes = useStyles();
  if (!statuses?.length) return null;
  return (
    <section className={classes.root} aria-label="Scoped budgets">
      <Typography variant="subtitle2" component="h3">
        Scoped budgets
      </Typography>
      <ul className={classes.list}>
        {statuses.map(status => {
          const label = scopeLabel(status.scope);
          const money = (value: number) =>
            formatCurrency(value, status.currency);
          return (
            <li key={status.scope} className={classes.item}>
              <Typography variant="body2">
                <strong>{label}</strong>: {money(status.spent)} of{' '}
                {money(status.budget ?? 0)} · {budgetStateLabels[status.state]}
              </Typography>
              <BudgetProgress
                label={`Spent of the ${label} budget`}
                spent={status.spent}
                budget={status.budget ?? 0}
                currency={status.currency}
                state={status.state}
                thresholds={status.thresholds}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
