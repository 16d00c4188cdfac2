import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
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
import { parseInput } from './parseInput';
import { requirePermission } from './requirePermission';

/**
 * `GET /recommendations` (an entity and its descendants the caller can see,
 * or everything, org-level ownerless spend included, with org read) and the
 * decisions `POST /recommendations/:id/dismiss|snooze|reopen`, which need
 * `ai-cost.recommendations.update` on the entity, or `ai-cost.admin` for
 * org-level items.
 */
export function registerRecommendationRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    recommendations: RecommendationService;
    entities: EntityAccess;
    index: CatalogIndexReader;
  },
) {
  const { httpAuth, permissions, recommendations, entities, index } = options;

  const credentialsOf = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  const demand = (
    credentials: BackstageCredentials,
    request: Parameters<typeof requirePermission>[2],
  ) => requirePermission(permissions, credentials, request);

  router.get('/recommendations', async (req, res) => {
    const credentials = await credentialsOf(req);
    const query = parseInput(recommendationsQuerySchema, req.query);
    const status = query.status === 'all' ? undefined : query.status;
    if (!query.entityRef) {
      await demand(credentials, { permission: aiCostOrgReadPermission });
      res.json(await recommendations.list({ status }));
      return;
    }
    res.json(
      await recommendations.list({
        entityRefs: await entities.readableSubtree(
          query.entityRef,
          credentials,
          index,
        ),
        status,
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
    try {
      await entities.readable(recommendation.entityRef, credentials);
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        throw new NotFoundError(`No recommendation with id ${id}`);
      }
      throw error;
    }
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
          credentials,
          request: req,
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
