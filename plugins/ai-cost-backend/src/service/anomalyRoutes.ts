import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  aiCostOrgReadPermission,
  anomaliesQuerySchema,
  anomalyFeedbackSchema,
  microsToNumber,
  type AnomaliesResponse,
  type Anomaly,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AnomalyStore, StoredAnomaly } from '../database';
import { audited } from './audited';
import type { EntityAccess } from './EntityAccess';
import { parseInput } from './parseInput';
import { principalRef } from './principalRef';
import { requirePermission } from './requirePermission';

/** An anomaly as the API shows it: money in currency units. */
export function toApiAnomaly(anomaly: StoredAnomaly): Anomaly {
  return {
    ...anomaly,
    expected: microsToNumber(anomaly.expected),
    actual: microsToNumber(anomaly.actual),
    impact: microsToNumber(anomaly.impact),
    rootCauses: anomaly.rootCauses.map(cause => ({
      ...cause,
      expected: microsToNumber(cause.expected),
      actual: microsToNumber(cause.actual),
      contribution: microsToNumber(cause.contribution),
      share: Math.round(cause.share * 1000) / 1000,
    })),
  };
}

/**
 * `GET /anomalies` (an entity and its descendants the caller can see, or
 * every entity with org read; one page at a time) and
 * `POST /anomalies/:id/feedback` (audited as `anomaly-feedback`).
 */
export function registerAnomalyRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    auditor: AuditorService;
    anomalies: AnomalyStore;
    entities: EntityAccess;
    index: CatalogIndexReader;
  },
) {
  const { httpAuth, permissions, auditor, anomalies, entities, index } =
    options;

  router.get('/anomalies', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(anomaliesQuerySchema, req.query);
    const status = query.status === 'all' ? undefined : query.status;
    let entityRefs: string[] | undefined;
    if (query.entityRef) {
      entityRefs = await entities.readableSubtree(
        query.entityRef,
        credentials,
        index,
      );
    } else {
      await requirePermission(permissions, credentials, {
        permission: aiCostOrgReadPermission,
      });
    }
    const page = await anomalies.listAnomalies({
      entityRefs,
      status,
      limit: query.limit,
      cursor: query.cursor,
    });
    const body: AnomaliesResponse = {
      items: page.items.map(toApiAnomaly),
      nextCursor: page.nextCursor,
    };
    res.json(body);
  });

  router.post('/anomalies/:id/feedback', async (req, res) => {
    const { id } = req.params;
    const updated = await audited(
      auditor,
      {
        eventId: 'anomaly-feedback',
        severityLevel: 'low',
        request: req,
        meta: { anomalyId: id },
      },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const body = parseInput(anomalyFeedbackSchema, req.body);
        const anomaly = await anomalies.getAnomaly(id);
        if (!anomaly) throw new NotFoundError(`No anomaly with id ${id}`);
        await entities.readableOwnerOf(
          anomaly.entityRef,
          credentials,
          `No anomaly with id ${id}`,
        );
        const after = await anomalies.setFeedback(id, {
          value: body.feedback,
          by: principalRef(credentials),
          at: new Date().toISOString(),
          ...(body.comment ? { comment: body.comment } : {}),
        });
        if (!after) throw new NotFoundError(`No anomaly with id ${id}`);
        return { before: anomaly, after };
      },
      ({ before, after }) => ({
        entityRef: after.entityRef,
        before: before.feedback?.value ?? null,
        after: after.feedback!.value,
      }),
    );
    res.json(toApiAnomaly(updated.after));
  });
}
