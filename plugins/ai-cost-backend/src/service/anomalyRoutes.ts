import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  aiCostOrgReadPermission,
  anomaliesQuerySchema,
  anomalyFeedbackSchema,
  microsToNumber,
  type Anomaly,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AnomalyStore, StoredAnomaly } from '../database';
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
 * every entity with org read) and `POST /anomalies/:id/feedback`.
 */
export function registerAnomalyRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    anomalies: AnomalyStore;
    entities: EntityAccess;
    index: CatalogIndexReader;
  },
) {
  const { httpAuth, permissions, anomalies, entities, index } = options;

  router.get('/anomalies', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(anomaliesQuerySchema, req.query);
    const status = query.status === 'all' ? undefined : query.status;
    if (!query.entityRef) {
      await requirePermission(permissions, credentials, {
        permission: aiCostOrgReadPermission,
      });
      res.json((await anomalies.listAnomalies({ status })).map(toApiAnomaly));
      return;
    }
    const found = await anomalies.listAnomalies({
      entityRefs: await entities.readableSubtree(
        query.entityRef,
        credentials,
        index,
      ),
      status,
    });
    res.json(found.map(toApiAnomaly));
  });

  router.post('/anomalies/:id/feedback', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const body = parseInput(anomalyFeedbackSchema, req.body);
    const { id } = req.params;
    const anomaly = await anomalies.getAnomaly(id);
    if (!anomaly) throw new NotFoundError(`No anomaly with id ${id}`);
    try {
      await entities.readable(anomaly.entityRef, credentials);
    } catch (error) {
      // An anomaly of an entity the caller cannot see answers like one
      // that does not exist, without naming the entity.
      if ((error as Error).name === 'NotFoundError') {
        throw new NotFoundError(`No anomaly with id ${id}`);
      }
      throw error;
    }
    const updated = await anomalies.setFeedback(id, {
      value: body.feedback,
      by: principalRef(credentials),
      at: new Date().toISOString(),
      ...(body.comment ? { comment: body.comment } : {}),
    });
    res.json(toApiAnomaly(updated!));
  });
}
