import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import type {
  BudgetPeriod,
  SpendForecast,
} from '@ai-cost/plugin-ai-cost-common';
import { errorMessage } from '../../utils/errors';
import { formatCurrency, formatDay } from '../../utils/format';
import { SUGGESTED_HEADROOM, suggestedBudget } from './budgetPlanning';

/**
 * What the owner plans from: this month's spend so far, its month-end
 * forecast with its range, and a suggested budget (the forecast plus
 * headroom) they can take with one click.
 */
export function BudgetPlanning(props: {
  forecast?: SpendForecast;
  error?: Error;
  period: BudgetPeriod;
  currency: string;
  onUse(amount: number): void;
}) {
  const { forecast, error, period, currency, onUse } = props;
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
  const suggested = suggestedBudget(month?.median, period);
  return (
    <Box mb={2} data-testid="budget-planning">
      <Typography variant="body2">
        Spent {money(forecast.spent)} from {formatDay(forecast.period.start)} to{' '}
        {formatDay(forecast.period.asOf)}
        {month
          ? `; month-end forecast ${money(month.median)} (range ${money(
              month.low,
            )}–${money(month.high)}).`
          : `. No month-end forecast: ${forecast.basis.description}`}
      </Typography>
      {suggested !== undefined && (
        <Box display="flex" alignItems="center" flexWrap="wrap" mt={1}>
          <Typography variant="body2" style={{ marginRight: 8 }}>
            Suggested: {money(suggested)} per {period} (
            {period === 'quarter' ? "three months at this month's " : 'the '}
            forecast plus {Math.round(SUGGESTED_HEADROOM * 100)}% headroom)
          </Typography>
          <Button
            size="small"
            variant="outlined"
            onClick={() => onUse(suggested)}
          >
            Use {money(suggested)}
          </Button>
        </Box>
      )}
    </Box>
  );
}
