import type { AuditorServiceCreateEventOptions } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** What a write is recorded as in the audit log. */
export interface AuditedWriteEvent {
  eventId: string;
  severityLevel: NonNullable<AuditorServiceCreateEventOptions['severityLevel']>;
  meta?: JsonObject;
}

/**
 * Runs a write as one audit event on behalf of whoever asked for it: the
 * routes make one per request, so domain services audit their writes without
 * seeing HTTP. `outcome` says what the write did (the success event's meta).
 */
export type WriteAuditor = <T>(
  event: AuditedWriteEvent,
  write: () => Promise<T>,
  outcome?: (result: T) => JsonObject,
) => Promise<T>;
