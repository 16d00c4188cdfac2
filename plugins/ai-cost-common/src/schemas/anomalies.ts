import { z } from 'zod';
import { entityRefSchema } from './common';

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

/** Query of `GET /anomalies`. @public */
export const anomaliesQuerySchema = z.object({
  /** One entity and its descendants; every entity (needs org read) when omitted. */
  entityRef: entityRefSchema.optional(),
  status: z
    .enum(['open', 'resolved', 'all'], {
      errorMap: () => ({ message: 'must be one of open, resolved, all' }),
    })
    .default('all'),
});

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
  dimension: 'model' | 'apiKey' | 'tokenType' | 'child' | 'provider';
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
  status: 'open' | 'resolved';
  feedback: {
    value: AnomalyFeedbackValue;
    by: string;
    at: string;
    comment?: string;
  } | null;
  createdAt: string;
  updatedAt: string;
};
