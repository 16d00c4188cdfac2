import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  metricsQuerySchema,
  pushMetricsRequestSchema,
  unitCostsQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { UnitEconomicsService } from '../unitEconomics/UnitEconomicsService';
import { audited } from './audited';
import type { EntityAccess } from './EntityAccess';
import { parseInput } from './parseInput';
import { throwBodyError } from './pushRoutes';
import { requestAuthorizer } from './requirePermission';

/**
 * Unit economics (DESIGN §9.2): `POST /metrics` (a service or a user with
 * `ai-cost.admin`; audited), `GET /metrics` (any signed-in caller: names and
 * units only) and `GET /unit-costs` (as `GET /costs`).
 */
export function registerMetricsRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    entities: EntityAccess;
    unitEconomics: UnitEconomicsService;
  },
) {
  const { httpAuth, permissions, entities, unitEconomics } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.post('/metrics', async (req, res) => {
    const result = await audited(
      options.auditor,
      { eventId: 'metrics-push', severityLevel: 'medium', request: req },
      async () => {
        await authorize(req, aiCostAdminPermission);
        throwBodyError(req);
        return unitEconomics.push(
          parseInput(pushMetricsRequestSchema, req.body),
        );
      },
      pushed => ({
        accepted: pushed.accepted,
        rejected: pushed.rejected.length,
        metrics: pushed.metrics,
      }),
    );
    res.json(result);
  });

  router.get('/metrics', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(metricsQuerySchema, req.query);
    const entity = query.entityRef
      ? await entities.readable(query.entityRef, credentials)
      : undefined;
    res.json({ metrics: await unitEconomics.list(entity?.entityRef) });
  });

  router.get('/unit-costs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(unitCostsQuerySchema, req.query);
    const entity = await entities.readable(query.entityRef, credentials);
    res.json(await unitEconomics.unitCosts({ entity, query }));
  });
}
