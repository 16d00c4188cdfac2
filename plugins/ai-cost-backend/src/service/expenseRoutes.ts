import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
  expenseImportQuerySchema,
  shadowAiQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { ExpenseService } from '../expenses/ExpenseService';
import { readCsvUpload } from '../push/upload';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requestAuthorizer } from './requirePermission';

/**
 * Expensed AI tools (DESIGN §9.3): `POST /import/expenses` (a service or a
 * user with `ai-cost.admin`; audited as `expense-import`) and
 * `GET /shadow-ai` (`ai-cost.org.read`).
 */
export function registerExpenseRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    expenses: ExpenseService;
  },
) {
  const { httpAuth, permissions, expenses } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.post('/import/expenses', async (req, res) => {
    const result = await audited(
      options.auditor,
      { eventId: 'expense-import', severityLevel: 'medium', request: req },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        const query = parseInput(expenseImportQuerySchema, req.query);
        const upload = readCsvUpload(req, {
          maxBytes: expenses.maxImportBytes,
          setting: 'aiCost.push.maxImportBytes',
        });
        return expenses.importExpenses({
          sourceId: query.sourceId,
          upload,
          importedBy: principalRef(credentials),
        });
      },
      imported => ({
        sourceId: imported.sourceId,
        sha256: imported.sha256,
        status: imported.status,
        rowsImported: imported.rowsImported,
        skipped: imported.skipped.notAiVendor,
        from: imported.from,
        to: imported.to,
      }),
    );
    res.json(result);
  });

  router.get('/shadow-ai', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const window = parseInput(shadowAiQuerySchema, req.query);
    res.json(await expenses.shadowAi(window));
  });
}
