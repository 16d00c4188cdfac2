import {
  builtInMetrics,
  daysInclusive,
  eachDay,
  formatMoney,
  isBuiltInMetric,
  isCurrencyUnit,
  metricNameSchema,
  metricPushPointSchema,
  microsToNumber as money,
  type MetricInfo,
  type PushMetricsResponse,
  type RejectedMetricPoint,
  type UnitCostsQuery,
  type UnitCostsResponse,
  type UnitCostTotals,
} from '@ai-cost/plugin-ai-cost-common';
import type { UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import { normalizeEntityRef } from '../attribution/catalogSnapshot';
import { zodProblems } from '../push/events/normalizedEvent';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AttributionStore, MetricStore } from '../database';
import { previousWindow } from '../costs/previousWindow';
import type { MetricPoint } from '../metrics/types';
import { builtInValueMicros, perOf } from './builtInValues';
import {
  relativeChange,
  unitCostOf,
  unitTotals,
  type UnitDay,
  type UnitTotals,
} from './unitCosts';
import type { TagMetricValues } from './types';
import { forecastByUnitTrend } from './unitForecast';

const toValue = (micros: number | null) =>
  micros === null ? null : micros / 1_000_000;

function totalsView(totals: UnitTotals): UnitCostTotals {
  return {
    cost: money(totals.costMicros),
    value: toValue(totals.valueMicros),
    unitCost: totals.unitCost,
    costWithoutMetric: money(totals.costWithoutMetricMicros),
    daysWithoutMetric: totals.daysWithoutMetric,
  };
}

function formatValue(micros: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(
    micros / 1_000_000,
  );
}

/**
 * Unit economics (DESIGN §9.2): stores pushed business metrics, lists the
 * metrics, and divides an entity's spend by a metric: pushed ones summed
 * over the entity and its descendants (the spend it is divided into covers
 * them too), built-in ones computed from the same usage as the spend.
 */
export class UnitEconomicsService {
  constructor(
    private readonly options: {
      metrics: MetricStore;
      attribution: AttributionStore;
      index: CatalogIndexReader;
      currency: string;
      /** Called with the metrics of stored points (metric splits re-attribute). */
      onPushed?: (metrics: string[]) => Promise<void>;
    },
  ) {}

  /**
   * The built-ins, then the stored metrics by name: all of them, or with an
   * entity those with a value for it or its descendants (what its unit
   * costs can be measured by).
   */
  async list(entityRef?: string): Promise<MetricInfo[]> {
    let entityRefs: string[] | undefined;
    if (entityRef) {
      const { graph } = await this.options.index.read();
      entityRefs = [entityRef, ...graph.descendants(entityRef)];
    }
    const stored = await this.options.metrics.listMetrics({ entityRefs });
    return [
      ...builtInMetrics.map(metric => ({
        metric,
        unit: metric,
        money: false,
        builtIn: true,
        lastDate: null,
      })),
      ...stored.map(m => ({
        metric: m.metric,
        unit: m.unit,
        money: m.unit === this.options.currency,
        builtIn: false,
        lastDate: m.lastDate,
      })),
    ];
  }

  /**
   * `POST /metrics`: validates the points one by one and stores the good
   * ones; a metric keeps one unit (the one stored first, or the first of the
   * batch), and money must be in `aiCost.currency`.
   */
  async push(body: { metrics: unknown[] }): Promise<PushMetricsResponse> {
    const { currency } = this.options;
    const rejected: RejectedMetricPoint[] = [];
    const parsed: Array<{ index: number; point: MetricPoint }> = [];
    body.metrics.forEach((raw, index) => {
      const result = metricPushPointSchema.safeParse(raw);
      if (!result.success) {
        const [first] = zodProblems(result.error);
        rejected.push({
          index,
          field: `metrics[${index}]${
            first.field === 'event' ? '' : `.${first.field}`
          }`,
          message: first.message,
        });
        return;
      }
      const p = result.data;
      parsed.push({
        index,
        point: {
          metric: p.metric,
          date: p.date,
          entityRef: p.entityRef ? normalizeEntityRef(p.entityRef) : null,
          tags: p.tags ?? {},
          valueMicros: Math.round(p.value * 1_000_000),
          unit: p.unit ?? null,
        },
      });
    });

    const units = await this.options.metrics.unitsOf([
      ...new Set(parsed.map(p => p.point.metric)),
    ]);
    const accepted: MetricPoint[] = [];
    for (const { index, point } of parsed) {
      const reject = (field: string, message: string) =>
        rejected.push({ index, field: `metrics[${index}].${field}`, message });
      const known = units.get(point.metric) ?? null;
      if (point.unit !== null && known !== null && point.unit !== known) {
        reject(
          'unit',
          `${point.metric} is measured in ${known}; push it in ${known}`,
        );
        continue;
      }
      const unit = point.unit ?? known;
      if (isCurrencyUnit(unit) && unit !== currency) {
        reject(
          'unit',
          `${unit} is a currency other than aiCost.currency (${currency}); convert the value to ${currency}`,
        );
        continue;
      }
      if (unit !== currency && point.valueMicros < 0) {
        reject('value', 'must not be negative (only money metrics can be)');
        continue;
      }
      if (unit !== null) units.set(point.metric, unit);
      accepted.push({ ...point, unit });
    }
    rejected.sort((a, b) => a.index - b.index);

    if (accepted.length > 0) {
      await this.options.metrics.upsert('push', accepted);
    }
    const metrics = [...new Set(accepted.map(p => p.metric))].sort();
    if (accepted.length > 0 && this.options.onPushed) {
      await this.options.onPushed(metrics);
    }
    return { accepted: accepted.length, rejected, metrics };
  }

  /** `GET /unit-costs` of an entity the caller may read. */
  async unitCosts(options: {
    entity: { entityRef: string; unitMetric?: string };
    query: UnitCostsQuery;
  }): Promise<UnitCostsResponse> {
    const { entity, query } = options;
    const { currency } = this.options;
    const annotated =
      entity.unitMetric !== undefined &&
      metricNameSchema.safeParse(entity.unitMetric).success
        ? entity.unitMetric
        : undefined;
    const metric = query.metric ?? annotated ?? 'requests';
    let metricFrom: UnitCostsResponse['metricFrom'] = 'default';
    if (query.metric) metricFrom = 'query';
    else if (annotated) metricFrom = 'annotation';
    const builtIn = isBuiltInMetric(metric);
    const per = perOf(metric);
    const unit = await this.#unitOf(metric);
    const { graph } = await this.options.index.read();
    const subtree = [entity.entityRef, ...graph.descendants(entity.entityRef)];

    const window = { from: query.from, to: query.to };
    const [current, previous] = await Promise.all([
      this.#series(metric, subtree, window),
      this.#series(metric, subtree, previousWindow(window)),
    ]);
    const total = unitTotals(current.days, per, current.distinct);
    const before = unitTotals(previous.days, per, previous.distinct);
    const nextDays = daysInclusive(window.from, window.to);
    const forecast =
      metric === 'customers'
        ? undefined
        : forecastByUnitTrend(current.days, nextDays);

    const unitName = unit ?? metric;
    const response: UnitCostsResponse = {
      entityRef: entity.entityRef,
      metric,
      unit,
      per,
      metricFrom,
      builtIn,
      currency,
      from: query.from,
      to: query.to,
      total: totalsView(total),
      previous: totalsView(before),
      change: {
        cost: relativeChange(total.costMicros, before.costMicros),
        value: relativeChange(total.valueMicros, before.valueMicros),
        unitCost: relativeChange(total.unitCost, before.unitCost),
      },
      daily: current.days.map(day => ({
        date: day.date,
        cost: money(day.costMicros),
        value: toValue(day.valueMicros),
        unitCost: unitCostOf(day.costMicros, day.valueMicros, per),
      })),
      forecast:
        forecast && forecast.basis === 'unit-trend'
          ? {
              nextPeriodCost: money(forecast.nextPeriodCostMicros!),
              nextPeriodValue: toValue(forecast.nextPeriodValueMicros),
              basis: 'unit-trend',
              explanation: `${formatValue(
                forecast.nextPeriodValueMicros!,
              )} ${unitName} expected over the next ${nextDays} days (${
                forecast.slopeMicrosPerDay === 0
                  ? 'no significant trend'
                  : `${
                      forecast.slopeMicrosPerDay > 0 ? 'rising' : 'falling'
                    } by ${formatValue(
                      Math.abs(forecast.slopeMicrosPerDay),
                    )} a day`
              }) at this period's unit cost: ${formatMoney(
                forecast.nextPeriodCostMicros!,
                currency,
              )}.`,
            }
          : {
              nextPeriodCost: null,
              nextPeriodValue: null,
              basis: 'none',
              explanation:
                metric === 'customers'
                  ? 'Distinct customers do not add up across days, so no unit-trend forecast is made; the month-end forecast of the budget card projects the spend.'
                  : `A unit-trend forecast needs at least 7 days with a ${metric} value in the period.`,
            },
    };
    if (total.valueMicros === null) {
      response.explanation = this.#noValueExplanation(
        metric,
        entity.entityRef,
        window,
      );
    }
    return response;
  }

  /** A built-in metric's unit is its name; a stored metric's the unit it was stored with. */
  async #unitOf(metric: string): Promise<string | null> {
    if (isBuiltInMetric(metric)) return metric;
    return (await this.options.metrics.unitsOf([metric])).get(metric) ?? null;
  }

  #noValueExplanation(metric: string, entityRef: string, window: UsageWindow) {
    if (metric === 'customers') {
      return `No spend of ${entityRef} between ${window.from} and ${window.to} carries a customer tag: tag it (gateway attribute, provider tag, or a virtual-tag rule) to count customers.`;
    }
    if (isBuiltInMetric(metric)) {
      return `No ${metric} are reported for the spend of ${entityRef} between ${window.from} and ${window.to}: the sources behind it do not count them.`;
    }
    return `No ${metric} values for ${entityRef} or its descendants between ${window.from} and ${window.to}. Push them with POST /api/ai-cost/metrics, e.g. {"metrics":[{"metric":"${metric}","date":"${window.to}","value":1200,"entityRef":"${entityRef}"}]}, or pull them from Prometheus (aiCost.metrics.prometheus).`;
  }

  /** Cost and metric of each day of the window over the entities. */
  async #series(
    metric: string,
    entityRefs: string[],
    window: UsageWindow,
  ): Promise<{ days: UnitDay[]; distinct?: number | null }> {
    const rows = await this.options.attribution.sumAttributed({
      window,
      entityRefs,
      groupBy: ['date', 'allocationTags'],
    });
    const byDate = new Map<string, typeof rows>();
    for (const row of rows) {
      const list = byDate.get(row.date) ?? [];
      list.push(row);
      byDate.set(row.date, list);
    }
    const cost = (date: string) =>
      (byDate.get(date) ?? []).reduce((sum, row) => sum + row.cost, 0);
    const dates = eachDay(window.from, window.to);

    if (isBuiltInMetric(metric)) {
      const days = dates.map(date => {
        const value = builtInValueMicros(metric, byDate.get(date) ?? []);
        return {
          date,
          costMicros: cost(date),
          valueMicros: value > 0 ? value : null,
        };
      });
      if (metric !== 'customers') return { days };
      const distinct = builtInValueMicros(metric, rows);
      return { days, distinct: distinct > 0 ? distinct : null };
    }
    const values = new Map(
      (
        await this.options.metrics.dailyValues({ metric, window, entityRefs })
      ).map(row => [row.date, row.valueMicros]),
    );
    return {
      days: dates.map(date => ({
        date,
        costMicros: cost(date),
        valueMicros: values.get(date) ?? null,
      })),
    };
  }

  /**
   * A metric's values per value of an allocation tag over a window and the
   * one before (`GET /rollup?groupBy=tag:<key>&metric=`): pushed values by
   * their own tags; built-ins from all usage, unallocated included, as the
   * rollup's costs are.
   */
  async valuesByTag(
    tag: string,
    metric: string,
    window: UsageWindow,
  ): Promise<TagMetricValues> {
    const builtIn = isBuiltInMetric(metric);
    const unit = await this.#unitOf(metric);
    const read = async (w: UsageWindow) => {
      const sums = new Map<string | null, number>();
      if (!builtIn) {
        for (const row of await this.options.metrics.dailyValues({
          metric,
          window: w,
          byTag: tag,
        })) {
          const key = row.tagValue ?? null;
          sums.set(key, (sums.get(key) ?? 0) + row.valueMicros);
        }
        return sums;
      }
      const [attributed, unallocated] = await Promise.all([
        this.options.attribution.sumAttributed({
          window: w,
          groupBy: ['allocationTags'],
        }),
        this.options.attribution.sumUnallocatedDaily(w),
      ]);
      const rowsByValue = new Map<string | null, typeof attributed>();
      for (const row of [...attributed, ...unallocated]) {
        const key =
          (JSON.parse(row.allocationTags) as Record<string, string>)[tag] ??
          null;
        const list = rowsByValue.get(key) ?? [];
        list.push(row as (typeof attributed)[number]);
        rowsByValue.set(key, list);
      }
      for (const [key, rows] of rowsByValue) {
        const value = builtInValueMicros(metric, rows);
        if (value > 0) sums.set(key, value);
      }
      return sums;
    };
    const [current, previous] = await Promise.all([
      read(window),
      read(previousWindow(window)),
    ]);
    return {
      info: {
        metric,
        unit,
        money: unit === this.options.currency,
        per: perOf(metric),
      },
      current,
      previous,
    };
  }
}
