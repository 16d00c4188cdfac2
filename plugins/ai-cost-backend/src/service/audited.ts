import type {
  AuditorService,
  AuditorServiceCreateEventOptions,
} from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { Request } from 'express';
import type { WriteAuditor } from '../audit/WriteAuditor';

/**
 * Runs a write as one audit event: created before anything else (so refused
 * and failed attempts are recorded too), then `success` with what the write
 * did, or `fail` with the error, which is rethrown.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: AuditorServiceCreateEventOptions,
  write: () => Promise<T>,
  outcome?: (result: T) => JsonObject,
): Promise<T> {
  const auditorEvent = await auditor.createEvent(event);
  try {
    const result = await write();
    await auditorEvent.success(outcome ? { meta: outcome(result) } : undefined);
    return result;
  } catch (error) {
    await auditorEvent.fail({ error: error as Error });
    throw error;
  }
}

/** Audits the writes of one request; what domain services are given. */
export function requestAuditor(
  auditor: AuditorService,
  request: Request,
): WriteAuditor {
  return (event, write, outcome) =>
    audited(auditor, { ...event, request }, write, outcome);
}
