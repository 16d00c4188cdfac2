import { useId, useState } from 'react';
import Paper from '@material-ui/core/Paper';
import Tab from '@material-ui/core/Tab';
import Tabs from '@material-ui/core/Tabs';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import {
  isCurrencyUnit,
  type MetricInfo,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { CostWindow } from '../../api';
import { useMetrics, useRollup } from '../../hooks';
import type { MetricDescription } from '../../utils/metrics';
import { MetricPicker } from '../MetricPicker';
import { ECONOMICS_TAGS, type EconomicsTag } from './economicsRows';
import { TagEconomicsTable } from './TagEconomicsTable';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  picker: { padding: theme.spacing(1.5, 2, 1) },
}));

const TAGS = Object.keys(ECONOMICS_TAGS) as EconomicsTag[];

/** Customers by the first money metric (margins), else requests; features by requests. */
export function defaultEconomicsMetric(
  tag: EconomicsTag,
  metrics: MetricInfo[],
): string {
  if (tag === 'customer') {
    return metrics.find(m => m.money)?.metric ?? 'requests';
  }
  return 'requests';
}

function describeMetric(
  metric: string,
  rollup: RollupResponse | undefined,
  metrics: MetricInfo[],
): MetricDescription {
  if (rollup?.metric?.metric === metric) return rollup.metric;
  const info = metrics.find(m => m.metric === metric);
  const unit = info?.unit ?? null;
  return {
    metric,
    unit,
    money: info?.money ?? isCurrencyUnit(unit),
    per: metric === 'tokens' ? 1000 : 1,
  };
}

/** @public */
export interface TagEconomicsCardProps {
  window: CostWindow;
}

/**
 * Unit economics per customer and per feature on the org page: cost, a
 * business metric and the unit cost of each `customer` or `feature` tag
 * value, with margin and margin % for money metrics such as revenue
 * (customers with revenue and no spend included), the trend against the
 * previous period, and a CSV of the rows shown.
 * @public
 */
export function TagEconomicsCard(props: TagEconomicsCardProps) {
  const { window } = props;
  const classes = useStyles();
  const id = useId();
  const [tag, setTag] = useState<EconomicsTag>('customer');
  const [picked, setPicked] = useState<Partial<Record<EconomicsTag, string>>>(
    {},
  );
  const metrics = useMetrics();
  const known = metrics.value ?? [];
  // Wait for the metrics to pick the default, so that it is asked for once.
  const metric =
    picked[tag] ??
    (metrics.loading ? undefined : defaultEconomicsMetric(tag, known));
  const rollup = useRollup(`tag:${tag}`, metric ? window : undefined, metric);

  let body;
  if (rollup.loading || !metric) {
    body = <Progress aria-label="Loading unit economics" />;
  } else if (rollup.error) {
    body = <ResponseErrorPanel error={rollup.error} />;
  } else if (rollup.value) {
    body = (
      <TagEconomicsTable
        tag={tag}
        rollup={rollup.value}
        metric={describeMetric(metric, rollup.value, known)}
      />
    );
  }

  return (
    <Paper>
      <div className={classes.toolbar}>
        <Tabs
          value={tag}
          onChange={(_event, value: EconomicsTag) => setTag(value)}
          indicatorColor="primary"
          textColor="primary"
          aria-label="Unit economics by"
        >
          {TAGS.map(t => (
            <Tab
              key={t}
              value={t}
              label={ECONOMICS_TAGS[t].tab}
              id={`${id}-tab-${t}`}
              aria-controls={`${id}-panel`}
            />
          ))}
        </Tabs>
        <div className={classes.picker}>
          <MetricPicker
            value={metric ?? ''}
            metrics={known}
            onChange={value =>
              setPicked(before => ({ ...before, [tag]: value }))
            }
          />
        </div>
      </div>
      <div
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tag}`}
      >
        {body}
      </div>
    </Paper>
  );
}
