import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ApiRouter } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import {
  aiCostAdminPermission,
  describeZodError,
  focusImportQuerySchema,
  ingestEventsRequestSchema,
} from '@ai-cost/plugin-ai-cost-common';
import express, { type Request, type RequestHandler } from 'express';
import type { z } from 'zod';
import { formatBytes, PayloadTooLargeError } from '../push/errors';
import type { PushIngestService } from '../push/PushIngestService';
import { readCsvUpload } from '../push/upload';
import type { AiCostApiSpec } from '../schema/openapi.generated';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requirePermission } from './requirePermission';

/** Where the body parser leaves an error for the route to throw after authentication. */
const BODY_ERROR = Symbol('ai-cost.pushBodyError');

type RequestWithBodyError = Request & { [BODY_ERROR]?: Error };

/** The routes whose batches may be as large as `aiCost.push.maxBatchBytes`. */
const BATCH_PATHS = ['/ingest/events', '/metrics'];

/** Throws what the batch body parser kept for the route (413 or 400), if anything. */
export function throwBodyError(req: Request): void {
  const bodyError = (req as RequestWithBodyError)[BODY_ERROR];
  if (bodyError) throw bodyError;
}

function parse<S extends z.ZodTypeAny>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InputError(describeZodError(parsed.error));
  return parsed.data;
}

/**
 * The JSON body parser of `POST /ingest/events` and `POST /metrics`, mounted before the
 * validated router's own (100 KiB) one: it admits batches up to
 * `aiCost.push.maxBatchBytes`. A body over the limit or not JSON is not
 * answered here but kept for the route, which answers it (413 or 400) after
 * checking the caller, so anonymous callers learn nothing but 401.
 */
export function pushBodyParser(push?: PushIngestService): RequestHandler {
  if (!push) return (_req, _res, next) => next();
  const limit = push.settings.maxBatchBytes;
  const json = express.json({ limit });
  return (req, res, next) => {
    if (req.method !== 'POST' || !BATCH_PATHS.includes(req.path)) {
      next();
      return;
    }
    json(req, res, (error?: unknown) => {
      if (error) {
        const { type, message } = error as { type?: string; message: string };
        (req as RequestWithBodyError)[BODY_ERROR] =
          type === 'entity.too.large'
            ? new PayloadTooLargeError(
                `The batch is larger than the ${formatBytes(
                  limit,
                )} limit (aiCost.push.maxBatchBytes); send smaller batches`,
              )
            : new InputError(`The body is not valid JSON: ${message}`);
        req.body = {};
      }
      next();
    });
  };
}

/**
 * The middleware of the validated router: the push body parser (a no-op
 * without push), then the default `express.json()`.
 */
export function pushAwareMiddleware(
  push?: PushIngestService,
): RequestHandler[] {
  return [pushBodyParser(push), express.json()];
}

/**
 * `POST /ingest/events` and `POST /import/focus`. Both accept a service
 * (Backstage external access: static tokens or JWKS, see the README) or a
 * user, and require `ai-cost.admin` (services pass unless their access
 * restrictions exclude it). Both are audited (`usage-push`, `focus-import`).
 */
export function registerPushRoutes(
  router: ApiRouter<AiCostApiSpec>,
  options: {
    push: PushIngestService;
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
  },
) {
  const { push, httpAuth, permissions, auditor } = options;

  async function authorize(req: Request): Promise<BackstageCredentials> {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, {
      permission: aiCostAdminPermission,
    });
    return credentials;
  }

  router.post('/ingest/events', async (req, res) => {
    const result = await audited(
      auditor,
      { eventId: 'usage-push', severityLevel: 'medium', request: req },
      async () => {
        await authorize(req);
        throwBodyError(req);
        return push.ingestEvents(parse(ingestEventsRequestSchema, req.body));
      },
      pushed => ({
        sourceId: pushed.sourceId,
        format: pushed.format,
        accepted: pushed.accepted,
        duplicates: pushed.duplicates,
        rejected: pushed.rejected.length,
        days: pushed.days.length,
      }),
    );
    res.json(result);
  });

  router.post('/import/focus', async (req, res) => {
    const result = await audited(
      auditor,
      { eventId: 'focus-import', severityLevel: 'medium', request: req },
      async () => {
        const credentials = await authorize(req);
        const query = parseInput(focusImportQuerySchema, req.query);
        const upload = readCsvUpload(req, {
          maxBytes: push.settings.maxImportBytes,
          setting: 'aiCost.push.maxImportBytes',
        });
        return push.importFocus({
          ...query,
          upload,
          importedBy: principalRef(credentials),
        });
      },
      imported => ({
        sourceId: imported.sourceId,
        fileId: imported.fileId,
        sha256: imported.sha256,
        status: imported.status,
        rowsImported: imported.rowsImported,
        from: imported.from,
        to: imported.to,
      }),
    );
    res.json(result);
  });
}
