import type {
  AuditorService,
  BackstageCredentials,
  BackstageUserPrincipal,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiCostOrgReadPermission,
  budgetRequestApproveSchema,
  budgetRequestInputSchema,
  budgetRequestRejectSchema,
  budgetRequestsQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Request, Router } from 'express';
import { normalizeEntityRef } from '../attribution/catalogSnapshot';
import type { BudgetRequestService } from '../budgetRequests/BudgetRequestService';
import type { EntityAccess } from './EntityAccess';
import { requestAuditor } from './audited';
import { parseInput } from './parseInput';

/** What request ids look like (UUIDs, or the demo's); anything else is not one. */
const REQUEST_ID = /^[A-Za-z0-9_-]{1,64}$/;

function requestIdOf(req: Request): string {
  const { id } = req.params;
  if (!REQUEST_ID.test(id)) {
    throw new NotFoundError('No budget request with that id');
  }
  return id;
}

/**
 * Budget requests (DESIGN §9.4): `POST /budgets/requests` (any signed-in
 * user who can read the entity's costs; the Scaffolder calls it on behalf of
 * the user), `GET /budgets/requests` (own requests, those the caller may
 * decide, or all with `ai-cost.org.read`), and
 * `POST /budgets/requests/:id/approve|reject` (the entity's approvers, never
 * the requester). Every write is audited.
 */
export function registerBudgetRequestRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    entities: EntityAccess;
    budgetRequests: BudgetRequestService;
  },
) {
  const { httpAuth, permissions, entities, budgetRequests } = options;

  /** The signed-in user making the request, lower-case as in the catalog index. */
  async function userOf(req: Request) {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    return {
      credentials,
      userRef: normalizeEntityRef(credentials.principal.userEntityRef),
    };
  }

  router.post('/budgets/requests', async (req, res) => {
    const { credentials, userRef } = await userOf(req);
    const input = parseInput(budgetRequestInputSchema, req.body);
    const entity = await entities.readable(input.entityRef, credentials);
    res.status(201).json(
      await budgetRequests.create({
        entityRef: entity.entityRef,
        input,
        requestedBy: userRef,
        audit: requestAuditor(options.auditor, req),
      }),
    );
  });

  router.get('/budgets/requests', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(budgetRequestsQuerySchema, req.query);
    const [decision] = await permissions.authorize(
      [{ permission: aiCostOrgReadPermission }],
      { credentials },
    );
    const items = await budgetRequests.list({
      viewer: {
        userRef: userRefOf(credentials),
        orgRead: decision.result === AuthorizeResult.ALLOW,
      },
      status: query.status,
      entityRef:
        query.entityRef &&
        normalizeEntityRef(stringifyEntityRef(parseEntityRef(query.entityRef))),
    });
    res.json({ items });
  });

  router.post('/budgets/requests/:id/approve', async (req, res) => {
    const { userRef } = await userOf(req);
    const id = requestIdOf(req);
    const { comment } = parseInput(budgetRequestApproveSchema, req.body ?? {});
    res.json(
      await budgetRequests.approve({
        id,
        userRef,
        comment,
        audit: requestAuditor(options.auditor, req),
      }),
    );
  });

  router.post('/budgets/requests/:id/reject', async (req, res) => {
    const { userRef } = await userOf(req);
    const id = requestIdOf(req);
    const { comment } = parseInput(budgetRequestRejectSchema, req.body ?? {});
    res.json(
      await budgetRequests.reject({
        id,
        userRef,
        comment,
        audit: requestAuditor(options.auditor, req),
      }),
    );
  });
}

function userRefOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  return principal.userEntityRef
    ? normalizeEntityRef(principal.userEntityRef)
    : undefined;
}
