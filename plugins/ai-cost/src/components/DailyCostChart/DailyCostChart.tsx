import { useId, useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { InfoCard } from '@backstage/core-components';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  OTHER_SERIES,
  stackDailyCosts,
  type StackBy,
} from '../../utils/chartData';
import { formatCompactCurrency, formatCurrency } from '../../utils/format';
import { DataTableToggle } from '../DataTableToggle';
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
}

/**
 * Daily spend stacked by model or provider, with a text summary and a data
 * table alternative for screen readers and keyboard users.
 * @public
 */
export function DailyCostChart(props: DailyCostChartProps) {
  const { costs } = props;
  const { currency } = costs;
  const classes = useStyles();
  const theme = useTheme();
  const id = useId();
  const [stackBy, setStackBy] = useState<StackBy>('model');
  const data = useMemo(() => stackDailyCosts(costs, stackBy), [costs, stackBy]);

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
          {summary}
        </Typography>
        <div className={classes.chart}>
          <ResponsiveContainer width="100%" height={280}>
            <BarChart
              data={data.rows}
              accessibilityLayer
              title={summary}
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
                formatter={(value: number) => formatCurrency(value, currency)}
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
            </BarChart>
          </ResponsiveContainer>
        </div>
        <DataTableToggle tableId={`${id}-table`}>
          <DailyCostTable
            id={`${id}-table`}
            data={data}
            currency={currency}
            caption={summary}
          />
        </DataTableToggle>
      </figure>
    </InfoCard>
  );
}
