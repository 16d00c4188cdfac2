import { useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  isCurrencyUnit,
  type MetricInfo,
  type UnitCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { CostWindow } from '../../api';
import { useMetrics, useUnitCosts } from '../../hooks';
import { formatCurrency, formatInteger } from '../../utils/format';
import {
  scaleEffectSentence,
  type MetricDescription,
} from '../../utils/metrics';
import { CardError } from '../CardError';
import { MetricPicker } from '../MetricPicker';
import { MetricExplanation } from './MetricExplanation';
import { UnitCostChart } from './UnitCostChart';
import { UnitCostFigures } from './UnitCostFigures';

/** @public */
export interface UnitEconomicsCardProps {
  /** Full entity reference, e.g. `component:default/search-api`. */
  entityRef: string;
  window: CostWindow;
}

function describeMetric(
  unitCosts: UnitCostsResponse,
  metrics: MetricInfo[] | undefined,
): MetricDescription {
  const info = metrics?.find(m => m.metric === unitCosts.metric);
  return {
    metric: unitCosts.metric,
    unit: unitCosts.unit,
    per: unitCosts.per,
    money: info?.money ?? isCurrencyUnit(unitCosts.unit),
  };
}

function plural(count: number, noun: string): string {
  return `${formatInteger(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/** The scale effect, spend without a metric value, and the forecast, in sentences. */
function UnitCostNotes(props: {
  unitCosts: UnitCostsResponse;
  metric: MetricDescription;
}) {
  const { unitCosts, metric } = props;
  const { total, change, forecast, currency } = unitCosts;
  const money = (value: number) => formatCurrency(value, currency);
  const scale = scaleEffectSentence(change.value, change.unitCost);
  return (
    <>
      {scale && (
        <Typography variant="body1" paragraph>
          {scale}
        </Typography>
      )}
      {total.costWithoutMetric > 0 && total.daysWithoutMetric > 0 && (
        <Typography variant="body2" paragraph>
          {money(total.costWithoutMetric)} spent on{' '}
          {plural(total.daysWithoutMetric, 'day')} without a value of{' '}
          {metric.metric} is not in the unit cost.
        </Typography>
      )}
      <Typography variant="body2" color="textSecondary">
        {forecast.nextPeriodCost === null
          ? `No unit-trend forecast: ${forecast.explanation}`
          : `Unit-trend forecast: ${forecast.explanation}`}
      </Typography>
    </>
  );
}

/**
 * Unit economics of an entity: the cost per unit of a business metric
 * (requests, 1,000 tokens, customers, or a metric the team pushes), its
 * change against the previous period and the scale effect, daily cost,
 * metric and unit cost in a chart, and the unit-trend forecast. Days
 * without a metric value have no unit cost, never 0; when the metric has no
 * value at all the card explains how to push one.
 * @public
 */
export function UnitEconomicsCard(props: UnitEconomicsCardProps) {
  const { entityRef, window } = props;
  const [picked, setPicked] = useState<string>();
  const metrics = useMetrics(entityRef);
  const unitCosts = useUnitCosts(entityRef, picked, window);
  const current = unitCosts.value;
  const metric = current ? describeMetric(current, metrics.value) : undefined;

  let body;
  if (unitCosts.loading) {
    body = <Progress aria-label="Loading unit costs" />;
  } else if (unitCosts.error) {
    body = (
      <CardError
        error={unitCosts.error}
        what="the unit costs"
        onRetry={unitCosts.retry}
      />
    );
  } else if (current && metric) {
    body = (
      <>
        <UnitCostFigures unitCosts={current} metric={metric} />
        {current.explanation ? (
          <MetricExplanation unitCosts={current} />
        ) : (
          <>
            <UnitCostNotes unitCosts={current} metric={metric} />
            <UnitCostChart unitCosts={current} metric={metric} />
          </>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Unit economics"
      subheader={`Cost per unit of value, ${window.from} – ${window.to} (UTC)`}
      action={
        <MetricPicker
          value={picked ?? current?.metric ?? ''}
          metrics={metrics.value ?? []}
          onChange={setPicked}
          helperText={
            !picked && current?.metricFrom === 'annotation'
              ? 'from ai-cost/unit-metric'
              : undefined
          }
        />
      }
    >
      {body}
    </InfoCard>
  );
}
