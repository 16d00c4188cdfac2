import type { MetricOrigin, MetricPoint } from '../metrics/types';

/** A day window, `to` inclusive. */
export interface MetricWindow {
  from: string;
  to: string;
}

/** Sums of one metric over some rows, in micro-units of its unit. */
export interface MetricSum {
  valueMicros: number;
}

/** A metric the store holds, with its unit and the last day it has a value for. */
export interface StoredMetric {
  metric: string;
  unit: string | null;
  lastDate: string;
  /** Distinct entities with a value (the organisation-wide value not counted). */
  entities: number;
}

/**
 * Business metrics (DESIGN §9.2), pushed or pulled. A point is identified by
 * (metric, date, entityRef, tags): writing it again replaces its value.
 */
export interface MetricStore {
  /**
   * Upserts points from one origin; returns how many were stored. The same
   * (metric, date, entityRef, tags) from any origin replaces the earlier value.
   */
  upsert(origin: MetricOrigin, points: MetricPoint[]): Promise<number>;
  /**
   * Replaces everything `origin` holds in the window with `points`, in one
   * transaction (a Prometheus pull re-reads its lookback window).
   */
  replaceWindow(
    origin: MetricOrigin,
    window: MetricWindow,
    points: MetricPoint[],
  ): Promise<void>;
  /** The unit stored for each of these metrics (absent when never stored). */
  unitsOf(metrics: string[]): Promise<Map<string, string | null>>;
  /** Each entity's own values of some metrics per day (organisation-wide values left out). */
  entityValues(options: { metrics: string[]; window: MetricWindow }): Promise<
    Array<{
      metric: string;
      date: string;
      entityRef: string;
      valueMicros: number;
    }>
  >;
  /** Every metric stored, by name. */
  listMetrics(options?: {
    /** Only values of these entities (the organisation-wide ones left out). */
    entityRefs?: string[];
  }): Promise<StoredMetric[]>;
  /**
   * Daily sums of a metric over the given entities (all values when
   * `entityRefs` is omitted), optionally per value of one tag.
   */
  dailyValues(options: {
    metric: string;
    window: MetricWindow;
    entityRefs?: string[];
    byTag?: string;
  }): Promise<
    Array<{ date: string; tagValue?: string | null; valueMicros: number }>
  >;
}
