import type { AuditorService } from '@backstage/backend-plugin-api';
import { aiCostAdminPermission } from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { z } from 'zod';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import type { requestAuthorizer } from './requirePermission';

/**
 * `PUT` and `DELETE <path>/:id` of a named item administrators keep in the
 * portal (an allocation rule, a subscription): `ai-cost.admin`, audited as
 * `<event>-update` / `<event>-delete` with the id; a `PUT` that creates the
 * item answers 201.
 */
export function registerAdminItemRoutes<T>(
  router: Router,
  options: {
    path: string;
    /** Audit event prefix, e.g. `subscription`. */
    event: string;
    /** Audit meta key of the id, e.g. `subscriptionId`. */
    idKey: string;
    auditor: AuditorService;
    authorize: ReturnType<typeof requestAuthorizer>;
    put(input: {
      id: string;
      body: unknown;
      principal: string;
    }): Promise<{ created: boolean; item: T }>;
    delete(id: string): Promise<unknown>;
  },
) {
  const { path, event, idKey, auditor, authorize } = options;

  router.put(`${path}/:id`, async (req, res) => {
    const { id } = req.params;
    const { created, item } = await audited(
      auditor,
      {
        eventId: `${event}-update`,
        severityLevel: 'medium',
        request: req,
        meta: { [idKey]: id },
      },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        return options.put({
          id,
          body: parseInput(z.unknown(), req.body),
          principal: principalRef(credentials),
        });
      },
      result => ({ created: result.created }),
    );
    res.status(created ? 201 : 200).json(item);
  });

  router.delete(`${path}/:id`, async (req, res) => {
    const { id } = req.params;
    await audited(
      auditor,
      {
        eventId: `${event}-delete`,
        severityLevel: 'medium',
        request: req,
        meta: { [idKey]: id },
      },
      async () => {
        await authorize(req, aiCostAdminPermission);
        await options.delete(id);
      },
    );
    res.status(204).end();
  });
}
