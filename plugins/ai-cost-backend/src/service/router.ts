import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiCostAdminPermission,
  describeZodError,
  isoDaySchema,
  microsToNumber,
  refineWindow,
} from '@ai-cost/plugin-ai-cost-common';
import { z } from 'zod';
import type { Request } from 'express';
import type { AiCostStore } from '../database';
import type { IngestionEngine } from '../ingestion/IngestionEngine';
import { spec } from '../schema/openapi.generated';

/** A `from`/`to` query window, both days inclusive. */
const windowSchema = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .superRefine(refineWindow);

/** @internal */
export interface RouterOptions {
  currency: string;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: AiCostStore;
  ingestion: Pick<IngestionEngine, 'refresh'>;
}

/**
 * The REST API of the plugin. Thin: requests are validated against
 * `openapi.yaml`, domain rules live in the services it calls.
 * @internal
 */
export async function createRouter(options: RouterOptions) {
  const { currency, httpAuth, permissions, store, ingestion } = options;
  const router = createValidatedOpenApiRouter(spec);

  async function authorize(
    req: Request,
    permission: typeof aiCostAdminPermission,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Missing permission ${permission.name}`);
    }
  }

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/sources', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const sources = await store.listSources();
    res.json(sources.map(({ backfilledFrom: _, ...source }) => source));
  });

  router.post('/sources/:id/refresh', async (req, res) => {
    await authorize(req, aiCostAdminPermission);
    await ingestion.refresh(req.params.id);
    res.status(202).json({ id: req.params.id, status: 'triggered' as const });
  });

  router.get('/reconciliation', async (req, res) => {
    await authorize(req, aiCostAdminPermission);
    const parsed = windowSchema.safeParse(req.query);
    if (!parsed.success) {
      throw new InputError(describeZodError(parsed.error));
    }
    const { from, to } = parsed.data;
    const days = await store.dailyReconciliation({ from, to });
    res.json({
      currency,
      from,
      to,
      days: days.map(day => ({
        date: day.date,
        sourceId: day.sourceId,
        provider: day.provider,
        billed: microsToNumber(day.billed),
        estimatedOfBilled: microsToNumber(day.estimatedOfBilled),
        gap: microsToNumber(day.billed - day.estimatedOfBilled),
        estimatedOnly: microsToNumber(day.estimatedOnly),
        unpricedRecords: day.unpricedRecords,
      })),
    });
  });

  return router;
}
