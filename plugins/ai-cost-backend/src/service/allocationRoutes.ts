import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
  coverageQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { z } from 'zod';
import type { AllocationService } from '../allocation/AllocationService';
import type { CostQueryService } from '../costs/CostQueryService';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requestAuthorizer } from './requirePermission';

const noQuerySchema = z.object({}).strict();

/**
 * Allocation (DESIGN §9.1): `GET /allocation/coverage` and
 * `GET /allocation/rules` (`ai-cost.org.read`); `PUT` and `DELETE
 * /allocation/rules/:id` and `POST /allocation/rules/preview`
 * (`ai-cost.admin`, writes audited).
 */
export function registerAllocationRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    allocation: AllocationService;
    costs: CostQueryService;
  },
) {
  const { httpAuth, permissions, allocation, costs } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.get('/allocation/coverage', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const window = parseInput(coverageQuerySchema, req.query);
    res.json(await costs.allocationCoverage(window));
  });

  router.get('/allocation/rules', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    parseInput(noQuerySchema, req.query);
    res.json(await allocation.list());
  });

  router.post('/allocation/rules/preview', async (req, res) => {
    await authorize(req, aiCostAdminPermission);
    res.json(await allocation.preview(parseInput(z.unknown(), req.body)));
  });

  router.put('/allocation/rules/:id', async (req, res) => {
    const { id } = req.params;
    const { created, rule } = await audited(
      options.auditor,
      {
        eventId: 'allocation-rule-update',
        severityLevel: 'medium',
        request: req,
        meta: { ruleId: id },
      },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        return allocation.put({
          id,
          body: parseInput(z.unknown(), req.body),
          principal: principalRef(credentials),
        });
      },
      result => ({ created: result.created }),
    );
    res.status(created ? 201 : 200).json(rule);
  });

  router.delete('/allocation/rules/:id', async (req, res) => {
    const { id } = req.params;
    await audited(
      options.auditor,
      {
        eventId: 'allocation-rule-delete',
        severityLevel: 'medium',
        request: req,
        meta: { ruleId: id },
      },
      async () => {
        await authorize(req, aiCostAdminPermission);
        await allocation.delete(id);
      },
    );
    res.status(204).end();
  });
}
