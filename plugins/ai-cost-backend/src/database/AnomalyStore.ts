import type {
  AnomalyFeedbackValue,
  AnomalySeverity,
  Page,
} from '@ai-cost/plugin-ai-cost-common';

/** A ranked root cause, money in micro-units. */
export interface StoredRootCause {
  dimension: 'model' | 'apiKey' | 'tokenType' | 'child' | 'provider';
  key: string;
  expected: number;
  actual: number;
  contribution: number;
  share: number;
}

/** A detected anomaly as stored, money in micro-units. */
export interface StoredAnomaly {
  id: string;
  entityRef: string;
  /** `provider/model`, or empty for the entity total. */
  model: string;
  startDate: string;
  endDate: string;
  expected: number;
  actual: number;
  impact: number;
  impactPct: number;
  severity: AnomalySeverity;
  rootCauses: StoredRootCause[];
  status: 'open' | 'resolved';
  feedback: {
    value: AnomalyFeedbackValue;
    by: string;
    at: string;
    comment?: string;
  } | null;
  createdAt: string;
  updatedAt: string;
}

/** What detection found for one series; identity is entity, model and start day. */
export type DetectedAnomaly = Omit<
  StoredAnomaly,
  'id' | 'feedback' | 'createdAt' | 'updatedAt'
>;

/** Persistence of anomalies and the feedback on them. */
export interface AnomalyStore {
  /**
   * Inserts a new anomaly or updates the ongoing one with the same entity,
   * model and start day (its end day, figures and status move). `created`
   * tells whether owners still have to hear about it.
   */
  upsertAnomaly(
    anomaly: DetectedAnomaly,
  ): Promise<{ anomaly: StoredAnomaly; created: boolean }>;
  getAnomaly(id: string): Promise<StoredAnomaly | undefined>;
  /**
   * One page of anomalies, newest start first, then largest impact: `limit`
   * items after `cursor` (the `nextCursor` of the previous page).
   */
  listAnomalies(options: {
    /** All entities when omitted. */
    entityRefs?: string[];
    status?: 'open' | 'resolved';
    limit: number;
    cursor?: string;
  }): Promise<Page<StoredAnomaly>>;
  /** Marks open anomalies of a series that detection no longer reports as resolved. */
  resolveOthers(options: {
    entityRef: string;
    model: string;
    keepStartDates: string[];
  }): Promise<number>;
  setFeedback(
    id: string,
    feedback: NonNullable<StoredAnomaly['feedback']>,
  ): Promise<StoredAnomaly | undefined>;
}
