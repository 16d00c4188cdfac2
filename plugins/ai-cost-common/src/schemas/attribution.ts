import { z } from 'zod';
import type { EntityClaim } from './costs';

/** Largest `limit` of `GET /attribution/values`. @public */
export const MAX_ATTRIBUTION_VALUES_LIMIT = 1000;

/** Query of `GET /attribution/values`. @public */
export const attributionValuesQuerySchema = z
  .object({
    provider: z.string().min(1).max(64).optional(),
    /** Case-insensitive substring of the value. */
    q: z.string().min(1).max(256).optional(),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(MAX_ATTRIBUTION_VALUES_LIMIT)
      .default(100),
  })
  .strict();

/** @public */
export type AttributionValuesQuery = z.infer<
  typeof attributionValuesQuerySchema
>;

/**
 * JSON body of `POST /attribution/preview`: a catalog entity as it would be
 * registered. Only what claims are read from is checked.
 * @public
 */
export const attributionPreviewRequestSchema = z
  .object({
    entity: z
      .object({
        kind: z.string().min(1),
        metadata: z
          .object({
            name: z.string().min(1),
            namespace: z.string().min(1).optional(),
            annotations: z.record(z.string()).optional(),
          })
          .passthrough(),
      })
      .passthrough(),
  })
  .strict();

/** @public */
export type AttributionPreviewRequest = z.infer<
  typeof attributionPreviewRequestSchema
>;

/** One claim of a previewed entity. @public */
export type AttributionPreviewClaim = {
  annotation: string;
  provider: string;
  dimension: string;
  value: string;
  /** Billed spend carrying the value over the last 30 days. */
  cost: number;
  /** Last day the value was seen in billing, or null if never. */
  lastSeen: string | null;
  /** Catalog entities that claim the same value equally specifically. */
  conflictsWith: string[];
};

/** Something in a previewed entity that will not claim what it seems to. @public */
export type AttributionPreviewProblem = {
  annotation: string;
  message: string;
};

/** Response of `POST /attribution/preview`. @public */
export type AttributionPreviewResponse = {
  entityRef: string;
  currency: string;
  from: string;
  to: string;
  claims: AttributionPreviewClaim[];
  problems: AttributionPreviewProblem[];
};

/** A value seen in billing and who claims it. @public */
export type AttributionValue = {
  provider: string;
  /** `apiKeyId`, `projectId`, `resourceId`, `accountId` or `tag` (`key=value`). */
  dimension: string;
  value: string;
  cost: number;
  lastSeen: string;
  /** Entities whose claims match the value; empty when unclaimed. */
  claimedBy: string[];
  /** The annotation line that would claim it, when one exists. */
  snippet: string | null;
};

/** Response of `GET /attribution/values`. @public */
export type AttributionValuesResponse = {
  currency: string;
  from: string;
  to: string;
  items: AttributionValue[];
  /** More values matched than `limit`. */
  truncated: boolean;
};

/** Whether a claim can match anything (additive to {@link EntityClaim}). @public */
export type ClaimState = {
  /** A source of the claim's provider is configured. */
  sourceConfigured: boolean;
  /** The claimed value was ever seen in stored billing data. */
  seen: boolean;
  /** Last day it was seen, or null. */
  lastSeen: string | null;
};

/** Response of `GET /attribution/claims?entityRef=`. @public */
export type EntityClaimStates = {
  entityRef: string;
  claims: Array<EntityClaim & ClaimState>;
};
