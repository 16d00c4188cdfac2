import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostOrgReadPermission,
  microsToNumber,
  type InsightFactsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { InsightFactsService } from '../insights/InsightFactsService';
import { requirePermission } from './requirePermission';

/**
 * Tech Insights facts (DESIGN §9.4): `GET /insights/facts` (services, or
 * users with `ai-cost.org.read`) gives every entity's facts in one response.
 */
export function registerInsightRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    currency: string;
    insightFacts: InsightFactsService;
  },
) {
  const { httpAuth, permissions, insightFacts } = options;

  router.get('/insights/facts', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    if (credentials.principal.type !== 'service') {
      await requirePermission(permissions, credentials, {
        permission: aiCostOrgReadPermission,
      });
    }
    const response: InsightFactsResponse = {
      currency: options.currency,
      entities: (await insightFacts.facts()).map(facts => ({
        ...facts,
        monthToDateSpend: microsToNumber(facts.monthToDateSpend),
      })),
    };
    res.json(response);
  });
}
