import {
  addDays,
  type SpendForecast,
  type SpendForecastDay,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay } from '../../utils/format';

/** The month-end forecast as a daily chart shows it. */
export interface ChartForecast {
  forecast: SpendForecast;
  /** The projected days after the window's last day, drawn as the forecast. */
  days: SpendForecastDay[];
}

/**
 * The forecast to draw over a window of daily spend: only when the window
 * includes today (the day after the forecast's last complete day), so the
 * current month is on the chart; the days after the window's end are drawn.
 */
export function chartForecast(
  window: { from: string; to: string; currency: string },
  forecast: SpendForecast | undefined,
): ChartForecast | undefined {
  if (!forecast || forecast.currency !== window.currency) return undefined;
  const today = addDays(forecast.period.asOf, 1);
  if (window.from > today || window.to < today) return undefined;
  return {
    forecast,
    days: forecast.forecast
      ? forecast.daily.filter(day => day.date > window.to)
      : [],
  };
}

/**
 * `Month-end forecast $1,160.50 (range $1,120.25–$1,204.75); the dashed
 * line projects Nov 23 – Nov 30.`, or why there is no forecast.
 */
export function forecastCaption(projection: ChartForecast): string {
  const { forecast, days } = projection;
  const { currency } = forecast;
  if (!forecast.forecast) {
    return `No month-end forecast: ${forecast.basis.description}`;
  }
  const money = (value: number) => formatCurrency(value, currency);
  const { median, low, high } = forecast.forecast;
  let projected = '';
  if (days.length === 1) {
    projected = `; the forecast line projects ${formatDay(days[0].date)}`;
  } else if (days.length > 1) {
    projected = `; the dashed forecast line projects ${formatDay(
      days[0].date,
    )} – ${formatDay(days[days.length - 1].date)}`;
  }
  return `Month-end forecast ${money(median)} (range ${money(low)}–${money(
    high,
  )})${projected}.`;
}
