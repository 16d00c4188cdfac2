import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  digestSendQuerySchema,
  type DigestSendResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { DigestService } from '../digests/DigestService';
import { audited } from './audited';
import { parseInput } from './parseInput';
import { requestAuthorizer } from './requirePermission';

/**
 * Digests (DESIGN §9.4): `POST /digests/send` (`ai-cost.admin`, audited)
 * sends a digest of its last complete period now unless it went out already.
 */
export function registerDigestRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    digests: DigestService;
  },
) {
  const { httpAuth, permissions, digests } = options;
  const authorize = requestAuthorizer(httpAuth, permissions);

  router.post('/digests/send', async (req, res) => {
    const result: DigestSendResponse = await audited(
      options.auditor,
      {
        eventId: 'digest-send',
        severityLevel: 'medium',
        request: req,
        meta: { kind: String(req.query.kind ?? '') },
      },
      async () => {
        await authorize(req, aiCostAdminPermission);
        const { kind } = parseInput(digestSendQuerySchema, req.query);
        return digests.send(kind);
      },
      sent => ({
        kind: sent.kind,
        periodFrom: sent.period.from,
        status: sent.status,
        recipients: sent.recipients,
      }),
    );
    res.json(result);
  });
}
