import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { aiCostOrgReadPermission } from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { SubscriptionService } from '../subscriptions/SubscriptionService';
import { registerAdminItemRoutes } from './adminItemRoutes';
import { parseInput } from './parseInput';
import { requestAuthorizer } from './requirePermission';

const noQuerySchema = z.object({}).strict();

/**
 * Subscriptions and seats (DESIGN §9.3): `GET /subscriptions`
 * (`ai-cost.org.read`); `PUT` and `DELETE /subscriptions/:id`
 * (`ai-cost.admin`, audited; config subscriptions answer 409).
 */
export function registerSubscriptionRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    subscriptions: SubscriptionService;
  },
) {
  const { httpAuth, permissions, subscriptions } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.get('/subscriptions', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    parseInput(noQuerySchema, req.query);
    res.json(await subscriptions.list());
  });

  registerAdminItemRoutes(router, {
    path: '/subscriptions',
    event: 'subscription',
    idKey: 'subscriptionId',
    auditor: options.auditor,
    authorize,
    put: async input => {
      const { created, subscription } = await subscriptions.put(input);
      return { created, item: subscription };
    },
    delete: id => subscriptions.delete(id),
  });
}
