import { z } from 'zod';

/** The digests (DESIGN §9.4): weekly and monthly owner digests, the monthly leadership report. @public */
export const digestKinds = ['weekly', 'monthly', 'leadership'] as const;

/** Query of `POST /digests/send`. @public */
export const digestSendQuerySchema = z
  .object({ kind: z.enum(digestKinds) })
  .strict();

/** Response of `POST /digests/send`: what sending the digest of its last complete period did. @public */
export type DigestSendResponse = {
  kind: (typeof digestKinds)[number];
  /** The week or month the digest covers, days inclusive. */
  period: { from: string; to: string };
  /** `already-sent`: it went out for this period before; `nothing-to-send`: no owner had spend, or no leadership group is configured. */
  status: 'sent' | 'already-sent' | 'nothing-to-send';
  /** How many groups and users it was sent to. */
  recipients: number;
};

/** The AI Cost facts of one catalog entity, for Tech Insights. @public */
export type EntityInsightFacts = {
  entityRef: string;
  /** The entity has ai-cost annotations that claim spend. */
  hasClaims: boolean;
  /** Spend of the entity and its descendants from the 1st of the month to today (UTC), in the reporting currency. */
  monthToDateSpend: number;
  /** The state of its budget (`none` without one). */
  budgetState: 'over' | 'at-risk' | 'ok' | 'none';
  openAnomalies: number;
  policyViolations: number;
};

/** Response of `GET /insights/facts`: every entity of the catalog index. @public */
export type InsightFactsResponse = {
  currency: string;
  entities: EntityInsightFacts[];
};
