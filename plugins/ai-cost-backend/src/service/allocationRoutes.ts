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
import { registerAdminItemRoutes } from './adminItemRoutes';
import { parseInput } from './parseInput';
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

  registerAdminItemRoutes(router, {
    path: '/allocation/rules',
    event: 'allocation-rule',
    idKey: 'ruleId',
    auditor: options.auditor,
    authorize,
    put: async input => {
      const { created, rule } = await allocation.put(input);
      return { created, item: rule };
    },
    delete: id => allocation.delete(id),
  });
}
