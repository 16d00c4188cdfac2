import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import type {
  BudgetPeriod,
  SpendForecast,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';
import { formatCurrency, formatDay } from '../../utils/format';

/** The budget the backend suggests for the period (`GET /budgets/suggestion`), one click to take. */
function SuggestedBudget(props: {
  entityRef: string;
  period: BudgetPeriod;
  currency: string;
  onUse(amount: number): void;
}) {
  const { entityRef, period, currency, onUse } = props;
  const api = useApi(aiCostApiRef);
  const suggestion = useAsync(
    () => api.getBudgetSuggestion({ entityRef, period }),
    [api, entityRef, period],
  );
  const money = (value: number) => formatCurrency(value, currency);
  if (suggestion.error) {
    return (
      <Typography variant="body2" color="textSecondary">
        No suggested budget: {errorMessage(suggestion.error)}
      </Typography>
    );
  }
  const value = suggestion.value;
  // The suggestion of the period picked before is not shown for this one.
  if (!value || value.period !== period) return null;
  if (value.suggested === null) {
    return (
      <Typography variant="body2" color="textSecondary">
        {value.reason}
      </Typography>
    );
  }
  const suggested = value.suggested;
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" mt={1}>
      <Typography variant="body2" style={{ marginRight: 8 }}>
        Suggested: {money(suggested)} per {period}. {value.basis}
      </Typography>
      <Button size="small" variant="outlined" onClick={() => onUse(suggested)}>
        Use {money(suggested)}
      </Button>
    </Box>
  );
}

/**
 * What the owner plans from: this month's spend so far, its month-end
 * forecast with its range, and the budget the backend suggests from the
 * run rate (the forecast plus headroom), which they can take with one click.
 * The spend and forecast are the entity's overall ones: for a budget scoped
 * to a tag value (`scope`) they are labelled so and there is no suggestion.
 */
export function BudgetPlanning(props: {
  entityRef: string;
  forecast?: SpendForecast;
  error?: Error;
  period: BudgetPeriod;
  currency: string;
  /** The tag value the budget is scoped to, e.g. `environment:staging`; none for the overall budget. */
  scope?: string;
  onUse(amount: number): void;
}) {
  const { forecast, error, currency, scope } = props;
  const money = (value: number) => formatCurrency(value, currency);
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary" paragraph>
        The forecast to plan from could not be loaded: {errorMessage(error)}
      </Typography>
    );
  }
  if (!forecast) return null;
  const month = forecast.forecast;
  return (
    <Box mb={2} data-testid="budget-planning">
      <Typography variant="body2">
        {scope === undefined ? '' : 'Overall, all tag values together: '}
        Spent {money(forecast.spent)} from {formatDay(forecast.period.start)} to{' '}
        {formatDay(forecast.period.asOf)}
        {month
          ? `; month-end forecast ${money(month.median)} (range ${money(
              month.low,
            )}–${money(month.high)}).`
          : `. No month-end forecast: ${forecast.basis.description}`}
      </Typography>
      {scope === undefined ? (
        <SuggestedBudget {...props} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          No suggested budget for {scope}: the spend and forecast above are the
          entity's overall ones, not {scope}'s.
        </Typography>
      )}
    </Box>
  );
}
