import { useId } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceArea,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { UnitCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCompactCurrency,
  formatCompactNumber,
  formatCurrency,
  formatDay,
  formatUnitCost,
} from '../../utils/format';
import {
  formatMetricValue,
  perLabel,
  type MetricDescription,
} from '../../utils/metrics';
import { DataTableToggle } from '../DataTableToggle';
import { UnitCostTable } from './UnitCostTable';

/** Colour-blind safe (Okabe–Ito); days without a metric are grey. */
const COST_COLOR = '#56B4E9';
const VALUE_COLOR = '#009E73';
const UNIT_COST_COLOR = '#D55E00';
const NO_METRIC_COLOR = '#999999';

/** Said wherever a day has no metric value, instead of a unit cost of 0. */
export const NO_METRIC = 'no metric';

const useStyles = makeStyles(theme => ({
  figure: { margin: 0 },
  caption: { marginBottom: theme.spacing(1) },
  chart: {
    '& .recharts-surface:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
}));

/** Consecutive days without a metric value, as first and last day. */
export function daysWithoutMetric(
  daily: UnitCostsResponse['daily'],
): Array<{ first: string; last: string; count: number }> {
  const runs: Array<{ first: string; last: string; count: number }> = [];
  let previousMissing = false;
  for (const day of daily) {
    if (day.value === null) {
      const run = runs[runs.length - 1];
      if (previousMissing && run) {
        run.last = day.date;
        run.count += 1;
      } else {
        runs.push({ first: day.date, last: day.date, count: 1 });
      }
    }
    previousMissing = day.value === null;
  }
  return runs;
}

function runLabel(run: { first: string; last: string }): string {
  return run.first === run.last
    ? formatDay(run.first)
    : `${formatDay(run.first)} – ${formatDay(run.last)}`;
}

/**
 * Daily cost as bars, the metric's value as a line and the unit cost as a
 * line on its own axis. A day without a metric value has no unit cost
 * point: it is shaded and named "no metric", never drawn as 0. A data table
 * stands in for the chart for screen readers and keyboard users.
 */
export function UnitCostChart(props: {
  unitCosts: UnitCostsResponse;
  metric: MetricDescription;
}) {
  const { unitCosts, metric } = props;
  const { currency, daily } = unitCosts;
  const classes = useStyles();
  const theme = useTheme();
  const id = useId();
  const per = perLabel(metric);
  const runs = daysWithoutMetric(daily);
  const unitCostName = `Unit cost ${per}`;

  const missing =
    runs.length > 0
      ? ` No metric on ${runs
          .map(runLabel)
          .join(', ')}: no unit cost is shown for ${
          runs.reduce((sum, run) => sum + run.count, 0) === 1
            ? 'that day'
            : 'those days'
        }.`
      : '';
  const summary = `Daily cost, ${metric.metric} and unit cost ${per} from ${unitCosts.from} to ${unitCosts.to}.${missing}`;

  const legendPayload = [
    { value: 'Cost', type: 'square' as const, color: COST_COLOR, id: 'cost' },
    {
      value: metric.metric,
      type: 'line' as const,
      color: VALUE_COLOR,
      id: 'value',
    },
    {
      value: unitCostName,
      type: 'line' as const,
      color: UNIT_COST_COLOR,
      id: 'unitCost',
    },
    ...(runs.length > 0
      ? [
          {
            value: `${NO_METRIC} (no unit cost)`,
            type: 'rect' as const,
            color: NO_METRIC_COLOR,
            id: 'noMetric',
          },
        ]
      : []),
  ];
  const axis = {
    tick: { fill: theme.palette.text.secondary },
    stroke: theme.palette.text.secondary,
  };

  return (
    <figure className={classes.figure} aria-labelledby={`${id}-caption`}>
      <Typography
        id={`${id}-caption`}
        component="figcaption"
        variant="body2"
        color="textSecondary"
        className={classes.caption}
      >
        {summary}
      </Typography>
      <div className={classes.chart}>
        <ResponsiveContainer width="100%" height={300}>
          <ComposedChart
            data={daily}
            accessibilityLayer
            title={summary}
            margin={{ top: 16, right: 8, bottom: 0, left: 8 }}
          >
            <CartesianGrid
              strokeDasharray="3 3"
              vertical={false}
              stroke={theme.palette.divider}
            />
            <XAxis
              dataKey="date"
              tickFormatter={(d: string) => d.slice(5)}
              {...axis}
            />
            <YAxis
              yAxisId="cost"
              tickFormatter={(v: number) => formatCompactCurrency(v, currency)}
              width={64}
              {...axis}
            />
            <YAxis
              yAxisId="value"
              orientation="right"
              tickFormatter={(v: number) =>
                metric.money && metric.unit
                  ? formatCompactCurrency(v, metric.unit)
                  : formatCompactNumber(v)
              }
              width={56}
              {...axis}
            />
            <YAxis
              yAxisId="unitCost"
              orientation="right"
              tickFormatter={(v: number) => formatUnitCost(v, currency)}
              width={72}
              {...axis}
            />
            <Tooltip
              formatter={(value, name) => {
                if (typeof value !== 'number') return NO_METRIC;
                if (name === 'Cost') return formatCurrency(value, currency);
                if (name === unitCostName) {
                  return formatUnitCost(value, currency);
                }
                return formatMetricValue(value, metric);
              }}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
              labelStyle={{ color: theme.palette.text.primary }}
            />
            <Legend
              payload={legendPayload}
              formatter={(value: string) => (
                <span style={{ color: theme.palette.text.primary }}>
                  {value}
                </span>
              )}
            />
            {runs.map(run => (
              <ReferenceArea
                key={run.first}
                yAxisId="cost"
                x1={run.first}
                x2={run.last}
                fill={NO_METRIC_COLOR}
                fillOpacity={0.2}
                label={{
                  value: NO_METRIC,
                  position: 'insideTop',
                  fill: theme.palette.text.secondary,
                }}
              />
            ))}
            <Bar
              yAxisId="cost"
              dataKey="cost"
              name="Cost"
              fill={COST_COLOR}
              isAnimationActive={false}
            />
            <Line
              yAxisId="value"
              dataKey="value"
              name={metric.metric}
              stroke={VALUE_COLOR}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
            <Line
              yAxisId="unitCost"
              dataKey="unitCost"
              name={unitCostName}
              stroke={UNIT_COST_COLOR}
              strokeWidth={2}
              connectNulls={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <DataTableToggle tableId={`${id}-table`}>
        <UnitCostTable
          id={`${id}-table`}
          unitCosts={unitCosts}
          metric={metric}
          caption={summary}
        />
      </DataTableToggle>
    </figure>
  );
}
