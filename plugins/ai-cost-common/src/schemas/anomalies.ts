import { z } from 'zod';
import { entityRefSchema } from './common';
import { pageQueryShape, type Page } from './pages';

/** Severity of an anomaly relative to the volatility of its series. @public */
export const anomalySeverities = ['low', 'medium', 'high', 'critical'] as const;

/** @public */
export type AnomalySeverity = (typeof anomalySeverities)[number];

/** What a user says about an anomaly. @public */
export const anomalyFeedbackValues = [
  'accurate',
  'expected',
  'not-an-issue',
] as const;

/** @public */
export type AnomalyFeedbackValue = (typeof anomalyFeedbackValues)[number];

/** Statuses of an anomaly. @public */
export const anomalyStatuses = ['open', 'resolved'] as const;

/** The `status` filter of `GET /anomalies`. @public */
export const anomalyStatusFilters = [...anomalyStatuses, 'all'] as const;

/** Dimensions a root cause of an anomaly can be in. @public */
export const anomalyRootCauseDimensions = [
  'model',
  'apiKey',
  'tokenType',
  'child',
  'provider',
] as const;

/** Query of `GET /anomalies`: newest first, one page at a time. @public */
export const anomaliesQuerySchema = z
  .object({
    /** One entity and its descendants; every entity (needs org read) when omitted. */
    entityRef: entityRefSchema.optional(),
    status: z
      .enum(anomalyStatusFilters, {
        errorMap: () => ({
          message: `must be one of ${anomalyStatusFilters.join(', ')}`,
        }),
      })
      .default('all'),
    ...pageQueryShape,
  })
  .strict();

/** Body of `POST /anomalies/:id/feedback`. @public */
export const anomalyFeedbackSchema = z
  .object({
    feedback: z.enum(anomalyFeedbackValues, {
      errorMap: () => ({
        message: `must be one of ${anomalyFeedbackValues.join(', ')}`,
      }),
    }),
    comment: z.string().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict();

/** One ranked cause of an anomaly: what moved and by how much. @public */
export type AnomalyRootCause = {
  dimension: (typeof anomalyRootCauseDimensions)[number];
  key: string;
  expected: number;
  actual: number;
  /** actual − expected, in currency units. */
  contribution: number;
  /** contribution / impact, within its dimension. */
  share: number;
};

/** A spend anomaly; an ongoing one is one anomaly whose endDate moves. @public */
export type Anomaly = {
  id: string;
  entityRef: string;
  /** `provider/model` for a per-model anomaly, empty for the entity total. */
  model: string;
  startDate: string;
  endDate: string;
  expected: number;
  actual: number;
  impact: number;
  impactPct: number;
  severity: AnomalySeverity;
  rootCauses: AnomalyRootCause[];
  /** `open` while the last evaluated day is still anomalous. */
  status: (typeof anomalyStatuses)[number];
  feedback: {
    value: AnomalyFeedbackValue;
    by: string;
    at: string;
    comment?: string;
  } | null;
  createdAt: string;
  updatedAt: string;
};

/** Response of `GET /anomalies`: one page, newest first. @public */
export type AnomaliesResponse = Page<Anomaly>;

/**
 * Body of `PUT /anomalies/settings`: the smallest anomaly worth raising, in
 * currency units and/or percent of the expected spend; null or absent
 * clears a part, both cleared removes the portal setting. @public
 */
export const anomalySettingsInputSchema = z
  .object({
    minImpact: z
      .number({ invalid_type_error: 'must be a number or null' })
      .min(0, 'must be at least 0')
      .max(1_000_000_000_000, 'must be at most 1000000000000')
      .nullable()
      .optional(),
    minImpactPercent: z
      .number({ invalid_type_error: 'must be a number or null' })
      .min(0, 'must be at least 0')
      .max(1000, 'must be at most 1000')
      .nullable()
      .optional(),
  })
  .strict();

/** Response of `GET` and `PUT /anomalies/settings`: the threshold in force. @public */
export type AnomalySettings = {
  entityRef: string;
  /** Minimum impact in currency units; null for none. */
  minImpact: number | null;
  /** Minimum impact in percent of the expected spend; null for none. */
  minImpactPercent: number | null;
  source: 'portal' | 'annotation' | 'default';
};
