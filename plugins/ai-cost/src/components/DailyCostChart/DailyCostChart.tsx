import { useId, useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { InfoCard } from '@backstage/core-components';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type {
  EntityCostsResponse,
  SpendForecast,
} from '@ai-cost/plugin-ai-cost-common';
import {
  OTHER_SERIES,
  stackDailyCosts,
  type StackBy,
} from '../../utils/chartData';
import { errorMessage } from '../../utils/errors';
import { formatCompactCurrency, formatCurrency } from '../../utils/format';
import { DataTableToggle } from '../DataTableToggle';
import { chartForecast, forecastCaption } from './chartForecast';
import { DailyCostTable } from './DailyCostTable';

/** Colour-blind safe (Okabe–Ito); "Other" is grey. */
const COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#56B4E9',
  '#D55E00',
];
const OTHER_COLOR = '#999999';
/** Chart keys of the projected days (series keys contain a provider). */
const FORECAST_KEY = '__forecast__';
const FORECAST_RANGE_KEY = '__forecastRange__';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { marginBottom: theme.spacing(1) },
  chart: {
    '& .recharts-surface:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
}));

/** @public */
export interface DailyCostChartProps {
  costs: EntityCostsResponse;
  /**
   * The month-end forecast of the same spend: when the window includes
   * today, the days after it are drawn as a dashed line with its range.
   */
  forecast?: SpendForecast;
  /** Why the forecast could not be loaded; named in the caption. */
  forecastError?: Error;
}

/**
 * Daily spend stacked by model or provider, with the month-end forecast
 * when the window includes today, a text summary and a data table
 * alternative for screen readers and keyboard users.
 * @public
 */
export function DailyCostChart(props: DailyCostChartProps) {
  const { costs, forecast, forecastError } = props;
  const { currency } = costs;
  const classes = useStyles();
  const theme = useTheme();
  const id = useId();
  const [stackBy, setStackBy] = useState<StackBy>('model');
  const data = useMemo(() => stackDailyCosts(costs, stackBy), [costs, stackBy]);
  const projection = useMemo(
    () => chartForecast(costs, forecast),
    [costs, forecast],
  );
  const rows = useMemo(
    () => [
      ...data.rows,
      ...(projection?.days ?? []).map(day => ({
        date: day.date,
        [FORECAST_KEY]: day.median,
        [FORECAST_RANGE_KEY]: [day.low, day.high],
      })),
    ],
    [data, projection],
  );

  const peak = costs.daily.reduce<{ date: string; cost: number } | undefined>(
    (best, day) => (!best || day.cost > best.cost ? day : best),
    undefined,
  );
  const peakText =
    peak && peak.cost > 0
      ? `, highest on ${peak.date} at ${formatCurrency(peak.cost, currency)}`
      : '';
  const summary = `Daily AI spend from ${costs.from} to ${
    costs.to
  }, stacked by ${stackBy}: ${formatCurrency(
    costs.total.cost,
    currency,
  )} in total${peakText}.`;
  let forecastText = '';
  if (projection) forecastText = forecastCaption(projection);
  else if (forecastError) {
    forecastText = `The month-end forecast could not be loaded: ${errorMessage(
      forecastError,
    )}`;
  }
  const caption = forecastText ? `${summary} ${forecastText}` : summary;
  const money = (value: number) => formatCurrency(value, currency);

  return (
    <InfoCard
      title="Daily spend"
      action={
        <ToggleButtonGroup
          exclusive
          size="small"
          value={stackBy}
          onChange={(_event, value: StackBy | null) =>
            value && setStackBy(value)
          }
          aria-label="Stack daily spend by"
        >
          <ToggleButton value="model" aria-label="Stack by model">
            Model
          </ToggleButton>
          <ToggleButton value="provider" aria-label="Stack by provider">
            Provider
          </ToggleButton>
        </ToggleButtonGroup>
      }
    >
      <figure className={classes.figure} aria-labelledby={`${id}-caption`}>
        <Typography
          id={`${id}-caption`}
          component="figcaption"
          variant="body2"
          color="textSecondary"
          className={classes.caption}
        >
          {caption}
        </Typography>
        <div className={classes.chart}>
          <ResponsiveContainer width="100%" height={280}>
            <ComposedChart
              data={rows}
              accessibilityLayer
              title={caption}
              margin={{ top: 8, right: 8, bottom: 0, left: 8 }}
            >
              <CartesianGrid
                strokeDasharray="3 3"
                vertical={false}
                stroke={theme.palette.divider}
              />
              <XAxis
                dataKey="date"
                tickFormatter={(d: string) => d.slice(5)}
                tick={{ fill: theme.palette.text.secondary }}
                stroke={theme.palette.text.secondary}
              />
              <YAxis
                tickFormatter={(v: number) =>
                  formatCompactCurrency(v, currency)
                }
                width={64}
                tick={{ fill: theme.palette.text.secondary }}
                stroke={theme.palette.text.secondary}
              />
              <Tooltip
                formatter={(value: number | [number, number]) =>
                  Array.isArray(value)
                    ? `${money(value[0])}–${money(value[1])}`
                    : money(value)
                }
                contentStyle={{
                  backgroundColor: theme.palette.background.paper,
                  borderColor: theme.palette.divider,
                }}
                labelStyle={{ color: theme.palette.text.primary }}
              />
              {/* Legend text in the text colour, not the series colour, so it
                  reads on dark backgrounds; the swatch keeps the colour. */}
              <Legend
                formatter={(value: string) => (
                  <span style={{ color: theme.palette.text.primary }}>
                    {value}
                  </span>
                )}
              />
              {data.series.map((series, index) => (
                <Bar
                  key={series.key}
                  dataKey={series.key}
                  name={series.label}
                  stackId="cost"
                  fill={
                    series.key === OTHER_SERIES
                      ? OTHER_COLOR
                      : COLORS[index % COLORS.length]
                  }
                  isAnimationActive={false}
                />
              ))}
              {projection && projection.days.length > 0 && (
                <Area
                  dataKey={FORECAST_RANGE_KEY}
                  name="forecast range (80%)"
                  legendType="none"
                  stroke="none"
                  fill={theme.palette.text.secondary}
                  fillOpacity={0.2}
                  isAnimationActive={false}
                />
              )}
              {projection && projection.days.length > 0 && (
                <Line
                  dataKey={FORECAST_KEY}
                  name="forecast"
                  stroke={theme.palette.text.primary}
                  strokeDasharray="6 4"
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={false}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
        <DataTableToggle tableId={`${id}-table`}>
          <DailyCostTable
            id={`${id}-table`}
            data={data}
            currency={currency}
            caption={caption}
            forecastDays={projection?.days}
          />
        </DataTableToggle>
      </figure>
    </InfoCard>
  );
}
