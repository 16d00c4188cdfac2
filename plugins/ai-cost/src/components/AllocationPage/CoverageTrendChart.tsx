import { useId } from 'react';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { AllocationCoverage } from '@ai-cost/plugin-ai-cost-common';
import { formatFraction, formatShare } from '../../utils/format';

/** @public */
export interface CoverageTrendChartProps {
  coverage: AllocationCoverage;
}

function trendSummary(coverage: AllocationCoverage): string {
  const days = coverage.daily.filter(d => d.coverage !== null);
  const base = `Daily allocation coverage from ${coverage.from} to ${
    coverage.to
  } against the ${formatFraction(coverage.threshold)} chargeback threshold`;
  if (days.length === 0) return `${base}: no spend.`;
  const below = days.filter(d => d.coverage! < coverage.threshold).length;
  const last = days[days.length - 1];
  return `${base}: ${below} of ${
    days.length
  } days with spend below it; ${formatShare(last.coverage!)} on ${last.date}.`;
}

/**
 * Daily coverage as a line with the chargeback threshold; days without
 * spend are gaps.
 * @public
 */
export function CoverageTrendChart(props: CoverageTrendChartProps) {
  const { coverage } = props;
  const theme = useTheme();
  const id = useId();
  const summary = trendSummary(coverage);
  const axis = {
    tick: { fill: theme.palette.text.secondary },
    stroke: theme.palette.text.secondary,
  };
  return (
    <InfoCard title="Coverage trend">
      <figure style={{ margin: 0 }} aria-labelledby={`${id}-caption`}>
        <Typography
          id={`${id}-caption`}
          component="figcaption"
          variant="body2"
          color="textSecondary"
          paragraph
        >
          {summary}
        </Typography>
        <ResponsiveContainer width="100%" height={240}>
          <LineChart
            data={coverage.daily}
            accessibilityLayer
            title={summary}
            margin={{ top: 8, right: 16, bottom: 0, left: 8 }}
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
              domain={[0, 1]}
              tickFormatter={(v: number) => formatFraction(v)}
              width={48}
              {...axis}
            />
            <Tooltip
              formatter={(value: number) => formatShare(value)}
              contentStyle={{
                backgroundColor: theme.palette.background.paper,
                borderColor: theme.palette.divider,
              }}
              labelStyle={{ color: theme.palette.text.primary }}
            />
            <ReferenceLine
              y={coverage.threshold}
              stroke="#D55E00"
              strokeDasharray="4 4"
              label={{
                value: 'Chargeback',
                position: 'insideBottomRight',
                fill: theme.palette.text.secondary,
              }}
            />
            <Line
              type="monotone"
              dataKey="coverage"
              name="Coverage"
              stroke="#0072B2"
              strokeWidth={2}
              dot={false}
              connectNulls={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </InfoCard>
  );
}
