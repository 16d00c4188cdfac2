import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
  chargebackQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import { chargebackCsv } from '../chargeback/chargebackCsv';
import type { ChargebackService } from '../chargeback/ChargebackService';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requestAuthorizer } from './requirePermission';

/**
 * Chargeback (DESIGN §9.4): `GET /chargeback` and `GET /chargeback.csv`
 * (`ai-cost.org.read`), `POST /chargeback/close` (`ai-cost.admin`, audited).
 */
export function registerChargebackRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    chargeback: ChargebackService;
  },
) {
  const { httpAuth, permissions, chargeback } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.get('/chargeback', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const { month } = parseInput(chargebackQuerySchema, req.query);
    res.json(await chargeback.statement(month));
  });

  router.get('/chargeback.csv', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const { month } = parseInput(chargebackQuerySchema, req.query);
    const csv = chargebackCsv(await chargeback.statement(month));
    res
      .status(200)
      .type('text/csv; charset=utf-8')
      .attachment(`ai-cost-chargeback-${month}.csv`)
      .send(csv);
  });

  router.post('/chargeback/close', async (req, res) => {
    const statement = await audited(
      options.auditor,
      {
        eventId: 'chargeback-close',
        severityLevel: 'high',
        request: req,
        meta: { month: String(req.query.month ?? '') },
      },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        const { month } = parseInput(chargebackQuerySchema, req.query);
        return chargeback.close(month, principalRef(credentials));
      },
      result => ({ month: result.month, total: result.total }),
    );
    res.json(statement);
  });
}
