import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostBudgetUpdatePermission,
  aiCostOrgReadPermission,
  guardrailQuerySchema,
  policyEntityQuerySchema,
  policyExceptionInputSchema,
  policyViolationsQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { GuardrailService } from '../policies/GuardrailService';
import type { PolicyService } from '../policies/PolicyService';
import { audited } from './audited';
import type { EntityAccess } from './EntityAccess';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requirePermission } from './requirePermission';

/**
 * The path of `GET /guardrails/decision` under any mount point, for the
 * OpenAPI validator's `ignorePaths`: a gateway asks it before every model
 * call, and with `validateRequests: false` the validator's only work there
 * was a route lookup that compiles every path of the spec on each request.
 * The query is validated by zod as on every route.
 */
export const GUARDRAIL_DECISION_PATH = /\/guardrails\/decision$/;

/**
 * Model policies and the gateway guardrail (DESIGN §9.4):
 * `GET /policies?entityRef=` (the policy in force), `GET /policies/violations`
 * (one entity's subtree, or every entity with `ai-cost.org.read`),
 * exceptions (`POST`, `GET`, `DELETE /policies/exceptions`; writing them
 * needs the entity's budget permission, and is audited) and
 * `GET /guardrails/decision` (services, or users with `ai-cost.org.read`).
 */
export function registerPolicyRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    entities: EntityAccess;
    index: CatalogIndexReader;
    policies: PolicyService;
    guardrails: GuardrailService;
  },
) {
  const { httpAuth, permissions, entities, index, policies, guardrails } =
    options;
  const credentialsOf = (req: Parameters<HttpAuthService['credentials']>[0]) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  /** Services, and users who may read the whole organisation's costs. */
  async function requireOrgReader(
    credentials: Awaited<ReturnType<typeof credentialsOf>>,
  ) {
    if (credentials.principal.type === 'service') return;
    await requirePermission(permissions, credentials, {
      permission: aiCostOrgReadPermission,
    });
  }

  /** An entity whose exceptions the caller may change: its budget permission. */
  async function ownedEntity(
    entityRef: string,
    credentials: BackstageCredentials,
    notFound: string,
  ) {
    const entity = await entities.readableOwnerOf(
      entityRef,
      credentials,
      notFound,
    );
    await requirePermission(permissions, credentials, {
      permission: aiCostBudgetUpdatePermission,
      resourceRef: entity.entityRef,
    });
    return entity;
  }

  router.get('/policies', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRef } = parseInput(policyEntityQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    res.json(await policies.policyOf(entity.entityRef));
  });

  router.get('/policies/violations', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(policyViolationsQuerySchema, req.query);
    if (!query.entityRef) {
      await requirePermission(permissions, credentials, {
        permission: aiCostOrgReadPermission,
      });
      res.json(await policies.violations(query));
      return;
    }
    // The entity's subtree as the caller may see it: a violation of a
    // descendant hidden from the caller is left out, not named.
    const [entityRef, ...descendants] = await entities.readableSubtree(
      query.entityRef,
      credentials,
      index,
    );
    const visible = new Set([entityRef, ...descendants]);
    const violations = await policies.violations({ ...query, entityRef });
    res.json(violations.filter(violation => visible.has(violation.entityRef)));
  });

  router.get('/policies/exceptions', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { entityRef } = parseInput(policyEntityQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    res.json(await policies.listExceptions(entity.entityRef));
  });

  router.post('/policies/exceptions', async (req, res) => {
    const created = await audited(
      options.auditor,
      {
        eventId: 'policy-exception-create',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef: String(req.body?.entityRef ?? '') },
      },
      async () => {
        const credentials = await credentialsOf(req);
        const input = parseInput(policyExceptionInputSchema, req.body);
        const entity = await ownedEntity(
          input.entityRef,
          credentials,
          `No entity ${input.entityRef} in the catalog`,
        );
        return policies.addException({
          input: { ...input, entityRef: entity.entityRef },
          principal: principalRef(credentials),
        });
      },
      exception => ({
        id: exception.id,
        model: exception.model,
        expiresAt: exception.expiresAt,
        justification: exception.justification,
      }),
    );
    guardrails.invalidate();
    res.status(201).json(created);
  });

  router.delete('/policies/exceptions/:id', async (req, res) => {
    const { id } = req.params;
    await audited(
      options.auditor,
      {
        eventId: 'policy-exception-delete',
        severityLevel: 'medium',
        request: req,
        meta: { id },
      },
      async () => {
        const credentials = await credentialsOf(req);
        const notFound = `No policy exception ${id}`;
        const exception = await policies.getException(id, notFound);
        await ownedEntity(exception.entityRef, credentials, notFound);
        await policies.deleteException(id);
      },
    );
    guardrails.invalidate();
    res.status(204).end();
  });

  router.get('/guardrails/decision', async (req, res) => {
    await requireOrgReader(await credentialsOf(req));
    const query = parseInput(guardrailQuerySchema, req.query);
    res.json(await guardrails.decide(query));
  });
}
