import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { aiCostAdminPermission } from '@ai-cost/plugin-ai-cost-common';
import type { Request } from 'express';
import type { AiCostStore } from '../database';
import type { IngestionEngine } from '../ingestion/IngestionEngine';
import { spec } from '../schema/openapi.generated';

/** @internal */
export interface RouterOptions {
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
  const { httpAuth, permissions, store, ingestion } = options;
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

  return router;
}
