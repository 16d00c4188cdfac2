import {
  addDays,
  dayOf,
  formatMoney,
  type AnomalySeverity,
} from '@ai-cost/plugin-ai-cost-common';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type {
  AnomalyStore,
  AttributionStore,
  DetectedAnomaly,
} from '../database';
import type { DailyCost } from '../forecast';
import type { OwnerNotifier } from '../notifications/OwnerNotifier';
import {
  baselineBreakdown,
  scaleBaseline,
  sumBreakdown,
  type DatedBreakdownRow,
} from './breakdowns';
import {
  detectAnomalies,
  type AnomalyDetectionOptions,
} from './detectAnomalies';
import { groupOngoing, type AnomalyGroup } from './groupOngoing';
import { rankRootCauses } from './rankRootCauses';
import { ANOMALY_SEVERITIES } from './severity';
import type { AnomalyThresholdService } from './AnomalyThresholdService';
import { meetsAnomalyThreshold } from './thresholds';

/** Days evaluated on every run; older anomalies keep what they were. */
const EVALUATED_DAYS = 14;
/** History the baseline reads: 8 weeks before the first evaluated day. */
const HISTORY_DAYS = EVALUATED_DAYS + 8 * 7;

/** A series of one entity: its total (`model` empty) or one `provider/model`. */
interface Series {
  entityRef: string;
  model: string;
  days: DailyCost[];
  /** First day the entity had spend: a model new since then counted 0 before. */
  historyStart: string;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Finds spend anomalies per entity and per model within it after every
 * attribution: expected against actual from a weekday-aligned robust
 * baseline, consecutive days merged into one ongoing anomaly, up to five
 * ranked root causes, and a notification to the owners of new anomalies at
 * or above the configured severity. Entities are evaluated on their own
 * spend; views of groups and systems list their descendants' anomalies, so
 * one spike never raises one alert per level of the tree.
 */
export class AnomalyMonitor {
  constructor(
    private readonly options: {
      attribution: AttributionStore;
      anomalies: AnomalyStore;
      index: CatalogIndexReader;
      notifier: OwnerNotifier;
      currency: string;
      /** New anomalies at or above this severity are notified. Default `high`. */
      notifySeverity?: AnomalySeverity;
      detection?: AnomalyDetectionOptions;
      /**
       * Owner-defined thresholds (DESIGN §9.4): an anomaly below its
       * entity's threshold is neither stored nor notified.
       */
      thresholds?: Pick<AnomalyThresholdService, 'thresholdLookup'>;
      now?: () => Date;
    },
  ) {}

  /** Evaluates the last two weeks up to yesterday; counts anomalies and notifications. */
  async detect(): Promise<{ anomalies: number; notified: number }> {
    const asOf = addDays(dayOf(this.options.now?.() ?? new Date()), -1);
    const from = addDays(asOf, -(EVALUATED_DAYS - 1));
    const rows = await this.options.attribution.sumAttributed({
      window: { from: addDays(asOf, -(HISTORY_DAYS - 1)), to: asOf },
      groupBy: ['entityRef', 'date', 'provider', 'model', 'apiKeyId'],
    });

    const totals = new Map<string, Map<string, number>>();
    const perModel = new Map<string, Map<string, number>>();
    const breakdowns = new Map<string, DatedBreakdownRow[]>();
    const add = (
      map: Map<string, Map<string, number>>,
      key: string,
      date: string,
      cost: number,
    ) => {
      const days = map.get(key) ?? new Map<string, number>();
      days.set(date, (days.get(date) ?? 0) + cost);
      map.set(key, days);
    };
    for (const row of rows) {
      const model = `${row.provider}/${row.model}`;
      add(totals, row.entityRef, row.date, row.cost);
      add(perModel, `${row.entityRef}\u0000${model}`, row.date, row.cost);
      const dated = { date: row.date, cost: row.cost };
      pushTo(breakdowns, row.entityRef, {
        ...dated,
        dimension: 'model',
        key: model,
      });
      pushTo(breakdowns, row.entityRef, {
        ...dated,
        dimension: 'provider',
        key: row.provider,
      });
      if (row.apiKeyId) {
        pushTo(breakdowns, row.entityRef, {
          ...dated,
          dimension: 'apiKey',
          key: `${row.provider}/${row.apiKeyId}`,
        });
      }
    }

    const series: Series[] = [];
    const toDays = (days: Map<string, number>) =>
      [...days].map(([date, cost]) => ({ date, cost }));
    const firstDay = new Map<string, string>();
    for (const [entityRef, days] of totals) {
      const start = [...days.keys()].sort()[0];
      firstDay.set(entityRef, start);
      series.push({
        entityRef,
        model: '',
        days: toDays(days),
        historyStart: start,
      });
    }
    for (const [key, days] of perModel) {
      const [entityRef, model] = key.split('\u0000');
      series.push({
        entityRef,
        model,
        days: toDays(days),
        historyStart: firstDay.get(entityRef)!,
      });
    }

    const thresholdOf = this.options.thresholds
      ? await this.options.thresholds.thresholdLookup()
      : () => undefined;
    let count = 0;
    let notified = 0;
    // Totals come first: a model spike inside an entity-total anomaly is
    // the same incident and is not announced twice.
    const totalWindows = new Map<string, Array<[string, string]>>();
    const overlapsTotal = (entityRef: string, group: AnomalyGroup) =>
      (totalWindows.get(entityRef) ?? []).some(
        ([start, end]) => group.startDate <= end && start <= group.endDate,
      );
    for (const s of series) {
      const groups = groupOngoing(
        detectAnomalies(
          s.days,
          { from, to: asOf },
          { ...this.options.detection, historyStart: s.historyStart },
        ),
      ).filter(
        g =>
          g.direction === 'increase' &&
          meetsAnomalyThreshold(g, thresholdOf(s.entityRef)),
      );
      for (const group of groups) {
        const detected = this.#toAnomaly(
          s,
          group,
          asOf,
          breakdowns.get(s.entityRef) ?? [],
        );
        const { anomaly, created } = await this.options.anomalies.upsertAnomaly(
          detected,
        );
        count += 1;
        if (!s.model) {
          pushTo(totalWindows, s.entityRef, [group.startDate, group.endDate]);
        }
        const duplicate = Boolean(s.model) && overlapsTotal(s.entityRef, group);
        if (created && !duplicate && this.#shouldNotify(anomaly.severity)) {
          await this.#notify(detected);
          notified += 1;
        }
      }
      await this.options.anomalies.resolveOthers({
        entityRef: s.entityRef,
        model: s.model,
        keepStartDates: groups
          .filter(g => g.endDate === asOf)
          .map(g => g.startDate),
      });
    }
    return { anomalies: count, notified };
  }

  #toAnomaly(
    series: Series,
    group: AnomalyGroup,
    asOf: string,
    rows: DatedBreakdownRow[],
  ): DetectedAnomaly {
    const relevant = series.model
      ? rows.filter(r => r.dimension !== 'model' && r.dimension !== 'provider')
      : rows;
    const windowRows = sumBreakdown(
      relevant,
      group.days.map(d => d.date),
    );
    const baseline = scaleBaseline(
      baselineBreakdown(
        relevant,
        group.days.map(d => d.baselineDates),
      ),
      group.expected,
    );
    return {
      entityRef: series.entityRef,
      model: series.model,
      startDate: group.startDate,
      endDate: group.endDate,
      expected: group.expected,
      actual: group.actual,
      impact: group.impact,
      impactPct:
        group.impactPct === undefined
          ? 100
          : Math.round(group.impactPct * 10) / 10,
      severity: group.peakSeverity,
      rootCauses: rankRootCauses(
        { window: windowRows, baseline },
        { impact: group.impact },
      ),
      status: group.endDate === asOf ? 'open' : 'resolved',
    };
  }

  #shouldNotify(severity: AnomalySeverity): boolean {
    const floor = this.options.notifySeverity ?? 'high';
    return (
      ANOMALY_SEVERITIES.indexOf(severity) >= ANOMALY_SEVERITIES.indexOf(floor)
    );
  }

  async #notify(anomaly: DetectedAnomaly) {
    const money = (micros: number) =>
      formatMoney(micros, this.options.currency);
    const what = anomaly.model ? `${anomaly.model} spend` : 'AI spend';
    const top = anomaly.rootCauses[0];
    await this.options.notifier.notify({
      entityRef: anomaly.entityRef,
      topic: 'ai-cost-anomaly',
      scope: `ai-cost:anomaly:${anomaly.entityRef}:${anomaly.model}:${anomaly.startDate}`,
      severity: anomaly.severity === 'critical' ? 'critical' : 'high',
      title: `Unusual ${what} for ${anomaly.entityRef} since ${anomaly.startDate}`,
      description: `${money(anomaly.actual)} spent where ${money(
        anomaly.expected,
      )} was expected (+${money(anomaly.impact)}, +${
        anomaly.impactPct
      }%), severity ${anomaly.severity}.${
        top
          ? ` Largest change: ${top.dimension} ${top.key} (+${money(
              top.contribution,
            )}).`
          : ''
      }`,
    });
  }
}
