import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { SubscriptionService } from '../subscriptions/SubscriptionService';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
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

  router.put('/subscriptions/:id', async (req, res) => {
    const { id } = req.params;
    const { created, subscription } = await audited(
      options.auditor,
      {
        eventId: 'subscription-update',
        severityLevel: 'medium',
        request: req,
        meta: { subscriptionId: id },
      },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        return subscriptions.put({
          id,
          body: parseInput(z.unknown(), req.body),
          principal: principalRef(credentials),
        });
      },
      result => ({ created: result.created }),
    );
    res.status(created ? 201 : 200).json(subscription);
  });

  router.delete('/subscriptions/:id', async (req, res) => {
    const { id } = req.params;
    await audited(
      options.auditor,
      {
        eventId: 'subscription-delete',
        severityLevel: 'medium',
        request: req,
        meta: { subscriptionId: id },
      },
      async () => {
        await authorize(req, aiCostAdminPermission);
        await subscriptions.delete(id);
      },
    );
    res.status(204).end();
  });
}
