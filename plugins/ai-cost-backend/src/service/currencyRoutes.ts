import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
  exchangeRatesQuerySchema,
  type ExchangeRatesImportResponse,
  type ExchangeRatesResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { ExchangeRateService } from '../currency/ExchangeRateService';
import { readCsvUpload } from '../push/upload';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requestAuthorizer } from './requirePermission';

/** Exchange rate files are small: a rate per currency and day. */
const MAX_RATE_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Exchange rates (DESIGN §9.3): `POST /import/exchange-rates` (CSV
 * `date,currency,rate`; `ai-cost.admin`, a user or a service, audited as
 * `exchange-rates-import`) and `GET /exchange-rates` (`ai-cost.org.read`).
 */
export function registerCurrencyRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    exchangeRates: ExchangeRateService;
  },
) {
  const { auditor, exchangeRates } = options;
  const authorize = requestAuthorizer(options.httpAuth, options.permissions);

  router.get('/exchange-rates', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const query = parseInput(exchangeRatesQuerySchema, req.query);
    const body: ExchangeRatesResponse = await exchangeRates.list(query);
    res.json(body);
  });

  router.post('/import/exchange-rates', async (req, res) => {
    const result: ExchangeRatesImportResponse = await audited(
      auditor,
      {
        eventId: 'exchange-rates-import',
        severityLevel: 'medium',
        request: req,
      },
      async () => {
        const credentials = await authorize(req, aiCostAdminPermission);
        const upload = readCsvUpload(req, {
          maxBytes: MAX_RATE_FILE_BYTES,
          setting: 'the exchange rate file limit',
        });
        return exchangeRates.importCsv({
          records: upload.records,
          importedBy: principalRef(credentials),
        });
      },
      imported => ({
        imported: imported.imported,
        currencies: imported.currencies,
        from: imported.from,
        to: imported.to,
      }),
    );
    res.json(result);
  });
}
