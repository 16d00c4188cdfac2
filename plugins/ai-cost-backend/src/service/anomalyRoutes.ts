import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  aiCostBudgetUpdatePermission,
  aiCostOrgReadPermission,
  anomaliesQuerySchema,
  anomalyFeedbackSchema,
  anomalySettingsInputSchema,
  entityQuerySchema,
  microsFromNumber,
  microsToNumber,
  type AnomaliesResponse,
  type Anomaly,
  type AnomalySettings,
} from '@ai-cost/plugin-ai-cost-common';
import type { Router } from 'express';
import type { AnomalyThresholdService } from '../anomalies/AnomalyThresholdService';
import type { EffectiveAnomalyThreshold } from '../anomalies/thresholds';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type {
  AnomalySettingsStore,
  AnomalyStore,
  StoredAnomaly,
} from '../database';
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

/** The threshold in force as the API shows it: money in currency units. */
export function toApiAnomalySettings(
  entityRef: string,
  threshold: EffectiveAnomalyThreshold,
): AnomalySettings {
  return {
    entityRef,
    minImpact:
      threshold.minImpactMicros === undefined
        ? null
        : microsToNumber(threshold.minImpactMicros),
    minImpactPercent: threshold.minImpactPercent ?? null,
    source: threshold.source,
  };
}

/**
 * `GET /anomalies` (an entity and its descendants the caller can see, or
 * every entity with org read; one page at a time) and
 * `POST /anomalies/:id/feedback` (audited as `anomaly-feedback`);
 * `GET /anomalies/settings` (the threshold in force, for whoever can read
 * the entity) and `PUT /anomalies/settings` (needs the budget update
 * permission on the entity; audited as `anomaly-settings-update`).
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
    anomalyThresholds: Pick<AnomalyThresholdService, 'effectiveThreshold'>;
    anomalySettings: AnomalySettingsStore;
  },
) {
  const { httpAuth, permissions, auditor, anomalies, entities, index } =
    options;

  router.get('/anomalies/settings', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parseInput(entityQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    const { threshold } = await options.anomalyThresholds.effectiveThreshold(
      entity.entityRef,
    );
    res.json(toApiAnomalySettings(entity.entityRef, threshold));
  });

  router.put('/anomalies/settings', async (req, res) => {
    const { entityRef } = parseInput(entityQuerySchema, req.query);
    const { after } = await audited(
      auditor,
      {
        eventId: 'anomaly-settings-update',
        severityLevel: 'medium',
        request: req,
        meta: { entityRef },
      },
      async () => {
        const credentials = await httpAuth.credentials(req, {
          allow: ['user', 'service'],
        });
        const entity = await entities.readable(entityRef, credentials);
        await requirePermission(permissions, credentials, {
          permission: aiCostBudgetUpdatePermission,
          resourceRef: entity.entityRef,
        });
        const body = parseInput(anomalySettingsInputSchema, req.body);
        const ref = entity.entityRef;
        const before = (await options.anomalyThresholds.effectiveThreshold(ref))
          .threshold;
        const minImpact = body.minImpact ?? null;
        const minImpactPercent = body.minImpactPercent ?? null;
        if (minImpact === null && minImpactPercent === null) {
          await options.anomalySettings.deleteSettings(ref);
        } else {
          await options.anomalySettings.putSettings({
            entityRef: ref,
            minImpactMicros:
              minImpact === null ? null : microsFromNumber(minImpact),
            minImpactPercent,
            updatedBy: principalRef(credentials),
            updatedAt: new Date().toISOString(),
          });
        }
        const now = (await options.anomalyThresholds.effectiveThreshold(ref))
          .threshold;
        return {
          before: toApiAnomalySettings(ref, before),
          after: toApiAnomalySettings(ref, now),
        };
      },
      ({ before, after: now }) => ({
        entityRef: now.entityRef,
        before,
        after: now,
      }),
    );
    res.json(after);
  });

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
