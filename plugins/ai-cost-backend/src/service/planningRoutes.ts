import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostOrgReadPermission,
  budgetSuggestionQuerySchema,
  planQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { planCsv } from '../planning/planCsv';
import type { PlanningService } from '../planning/PlanningService';
import type { EntityAccess } from './EntityAccess';
import { parseInput } from './parseInput';
import { requestAuthorizer } from './requirePermission';

/**
 * Planning (DESIGN §9.4): `GET /budgets/suggestion` (whoever may read the
 * entity's budget), `GET /plan` and `GET /plan.csv` (`ai-cost.org.read`).
 */
export function registerPlanningRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    entities: EntityAccess;
    planning: PlanningService;
  },
) {
  const { httpAuth, permissions, entities, planning } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.get('/budgets/suggestion', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(budgetSuggestionQuerySchema, req.query);
    const entity = await entities.readable(query.entityRef, credentials);
    res.json(await planning.suggestion(entity.entityRef, query.period));
  });

  router.get('/plan', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const { year } = parseInput(planQuerySchema, req.query);
    res.json(await planning.plan(year));
  });

  router.get('/plan.csv', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const { year } = parseInput(planQuerySchema, req.query);
    // Planned before the CSV headers are set, so that its errors go out as JSON.
    const plan = await planning.plan(year);
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`ai-cost-plan-${year}.csv`)
      .send(planCsv(plan));
  });
}
