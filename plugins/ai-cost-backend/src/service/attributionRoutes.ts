import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  aiCostOrgReadPermission,
  attributionPreviewRequestSchema,
  attributionValuesQuerySchema,
  entityQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import express, { type Request, type Response, type Router } from 'express';
import { parseAllDocuments } from 'yaml';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { ClaimStateService } from '../attribution/ClaimStateService';
import { entityClaims } from '../costs/entityClaims';
import type { EntityAccess } from './EntityAccess';
import { parseInput } from './parseInput';
import { requirePermission } from './requirePermission';

const YAML_TYPES = ['text/yaml', 'application/yaml', 'application/x-yaml'];
const yamlBody = express.text({ type: YAML_TYPES, limit: '256kb' });

/** Reads a `text/yaml` body into `req.body` (a string); other bodies are left alone. */
function readYamlBody(req: Request, res: Response): Promise<void> {
  return new Promise((resolve, reject) =>
    yamlBody(req, res, (error?: unknown) =>
      error ? reject(new InputError(`Unreadable body: ${error}`)) : resolve(),
    ),
  );
}

/** The entity of a YAML document: exactly one, as in a `catalog-info.yaml` per entity. */
function entityOfYaml(text: string): unknown {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) {
    throw new InputError('body: the YAML holds no document');
  }
  const present = documents.filter(d => d.contents !== null);
  const errors = present.flatMap(d => d.errors);
  if (errors.length > 0) {
    throw new InputError(`body: invalid YAML: ${errors[0].message}`);
  }
  if (present.length !== 1) {
    throw new InputError(
      `body: expected one entity, the YAML holds ${present.length} documents`,
    );
  }
  return present[0].toJS();
}

/**
 * `POST /attribution/preview` (any signed-in caller; nothing is saved),
 * `GET /attribution/values` (`ai-cost.org.read`): DESIGN §9.5, and
 * `GET /attribution/claims?entityRef=` (as `/costs`): each claim of an
 * entity with whether a source is configured for it and when its value was
 * last billed.
 */
export function registerAttributionRoutes(
  router: Router,
  options: {
    httpAuth: HttpAuthService;
    permissions: PermissionsService;
    entities: EntityAccess;
    index: CatalogIndexReader;
    claimStates: ClaimStateService;
  },
) {
  const { httpAuth, permissions, entities, index, claimStates } = options;

  router.post('/attribution/preview', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await readYamlBody(req, res);
    const body =
      typeof req.body === 'string'
        ? { entity: entityOfYaml(req.body) }
        : req.body;
    const { entity } = parseInput(attributionPreviewRequestSchema, body);
    res.json(
      await claimStates.preview(entity as Entity, refs =>
        entities.visible(refs, credentials),
      ),
    );
  });

  router.get('/attribution/values', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, {
      permission: aiCostOrgReadPermission,
    });
    res.json(
      await claimStates.values(
        parseInput(attributionValuesQuerySchema, req.query),
      ),
    );
  });

  // Apart from GET /costs: it reads billed values from stored usage, which a
  // page view of every entity must not do.
  router.get('/attribution/claims', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef } = parseInput(entityQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    const claims = entityClaims(await index.read(), entity.entityRef);
    res.json({
      entityRef: entity.entityRef,
      claims: await claimStates.withStates(claims),
    });
  });
}
