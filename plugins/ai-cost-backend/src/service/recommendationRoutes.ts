import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  aiCostAdminPermission,
  aiCostOrgReadPermission,
  aiCostRecommendationsUpdatePermission,
  recommendationDismissSchema,
  recommendationSnoozeSchema,
  recommendationsQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { Request, Response, Router } from 'express';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { StoredRecommendation } from '../database';
import type {
  RecommendationAction,
  RecommendationService,
} from '../recommendations/RecommendationService';
import type { EntityAccess } from './EntityAccess';
import { requestAuditor } from './audited';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requirePermission } from './requirePermission';

/**
 * `GET /recommendations` (an entity and its descendants the caller can see,
 * or everything, org-level ownerless spend included, with org read; one page
 * at a time) and the
 * decisions `POST /recommendations/:id/dismiss|snooze|reopen`, which need
 * `ai-cost.recommendations.update` on the entity, or `ai-cost.admin` for
 * org-level items.
 */
export function registerRecommendationRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    recommendations: RecommendationService;
    entities: EntityAccess;
    index: CatalogIndexReader;
  },
) {
  const { httpAuth, permissions, auditor, recommendations, entities, index } =
    options;

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const demand = (
    credentials: BackstageCredentials,
    request: Parameters<typeof requirePermission>[2],
  ) => requirePermission(permissions, credentials, request);

  router.get('/recommendations', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(recommendationsQuerySchema, req.query);
    let entityRefs: string[] | undefined;
    if (query.entityRef) {
      entityRefs = await entities.readableSubtree(
        query.entityRef,
        credentials,
        index,
      );
    } else {
      await demand(credentials, { permission: aiCostOrgReadPermission });
    }
    res.json(
      await recommendations.list({
        entityRefs,
        status: query.status === 'all' ? undefined : query.status,
        limit: query.limit,
        cursor: query.cursor,
      }),
    );
  });

  /**
   * The recommendation, when the caller may decide on it. One on an entity
   * the caller cannot see answers like one that does not exist.
   */
  async function decidable(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<StoredRecommendation> {
    const recommendation = await recommendations.get(id);
    if (!recommendation.entityRef) {
      await demand(credentials, { permission: aiCostAdminPermission });
      return recommendation;
    }
    await entities.readableOwnerOf(
      recommendation.entityRef,
      credentials,
      `No recommendation with id ${id}`,
    );
    await demand(credentials, {
      permission: aiCostRecommendationsUpdatePermission,
      resourceRef: recommendation.entityRef,
    });
    return recommendation;
  }

  const decide =
    (parse: (body: unknown) => RecommendationAction) =>
    async (req: Request<{ id: string }>, res: Response) => {
      const credentials = await credentialsOf(req);
      const action = parse(req.body ?? {});
      const recommendation = await decidable(req.params.id, credentials);
      res.json(
        await recommendations.decide({
          recommendation,
          action,
          principal: principalRef(credentials),
          audit: requestAuditor(auditor, req),
        }),
      );
    };

  router.post(
    '/recommendations/:id/dismiss',
    decide(body => ({
      action: 'dismiss',
      ...parseInput(recommendationDismissSchema, body),
    })),
  );
  router.post(
    '/recommendations/:id/snooze',
    decide(body => ({
      action: 'snooze',
      ...parseInput(recommendationSnoozeSchema, body),
    })),
  );
  router.post(
    '/recommendations/:id/reopen',
    decide(() => ({ action: 'reopen' })),
  );
}
