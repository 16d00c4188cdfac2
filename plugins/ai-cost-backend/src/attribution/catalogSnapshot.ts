import { createHash } from 'node:crypto';
import {
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ALLOWED_MODELS,
  ANNOTATION_ANOMALY_THRESHOLD,
  ANNOTATION_BUDGET_ENFORCEMENT,
  ANNOTATION_MAX_MODEL_TIER,
  ANNOTATION_COST_CENTER,
  ANNOTATION_MONTHLY_BUDGET,
  AnnotationParseError,
  parseAnomalyThresholdAnnotation,
  ANNOTATION_TAGS,
  ANNOTATION_VENDOR,
  parseAllowedModelsAnnotation,
  parseBudgetEnforcementAnnotation,
  parseMaxModelTierAnnotation,
} from '@ai-cost/plugin-ai-cost-common';
import {
  compareCodeUnits,
  readEntityClaims,
  type Claim,
  type ClaimProblem,
} from './claims';
import { EXPENSE_PROVIDER } from '../expenses/aiVendors';
import type { EntityNode, ModelPolicyAnnotations } from './EntityGraph';

/** What the plugin keeps of the catalog: the graph, the claims and what could not be read. */
export interface CatalogSnapshot {
  entities: EntityNode[];
  claims: Claim[];
  problems: ClaimProblem[];
}

/** The catalog fields a snapshot needs; everything else is not fetched. */
export const SNAPSHOT_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'relations',
  // Users: expense lines name employees by e-mail (see userExpenseClaims).
  'spec.profile.email',
];

/** Entity refs are case-insensitive in Backstage; the plugin keeps them lower-case. */
export function normalizeEntityRef(ref: string): string {
  return ref.toLocaleLowerCase('en-US');
}

function targetsOf(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(relation => relation.type === type)
    .map(relation => normalizeEntityRef(relation.targetRef))
    .sort();
}

/** Adds one catalog entity to a snapshot. */
export function addToSnapshot(snapshot: CatalogSnapshot, entity: Entity) {
  const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
  const annotations = entity.metadata.annotations;
  const node: EntityNode = {
    entityRef,
    kind: entity.kind,
    partOf: targetsOf(entity, RELATION_PART_OF),
    childOf: targetsOf(entity, RELATION_CHILD_OF),
  };
  if (entity.metadata.title) node.title = entity.metadata.title;
  const [ownerRef] = targetsOf(entity, RELATION_OWNED_BY);
  if (ownerRef) node.ownerRef = ownerRef;
  const budget = annotations?.[ANNOTATION_MONTHLY_BUDGET];
  if (budget !== undefined) node.monthlyBudget = budget;
  const anomalyThreshold = annotations?.[ANNOTATION_ANOMALY_THRESHOLD];
  if (anomalyThreshold !== undefined) {
    node.anomalyThreshold = anomalyThreshold;
    const problem = anomalyThresholdProblem(anomalyThreshold);
    if (problem) {
      snapshot.problems.push({
        entityRef,
        annotation: ANNOTATION_ANOMALY_THRESHOLD,
        message: problem,
      });
    }
  }
  const allocationTags = annotations?.[ANNOTATION_TAGS];
  if (allocationTags !== undefined) node.allocationTags = allocationTags;
  const costCenter = annotations?.[ANNOTATION_COST_CENTER]?.trim();
  if (costCenter) node.costCenter = costCenter;
  if (entity.kind.toLocaleLowerCase('en-US') === 'user') {
    const memberOf = targetsOf(entity, RELATION_MEMBER_OF);
    if (memberOf.length > 0) node.memberOf = memberOf;
  }
  const vendors = annotations?.[ANNOTATION_VENDOR]?.trim();
  if (vendors) node.vendors = vendors;
  const modelPolicy = readModelPolicy(snapshot, entityRef, annotations);
  if (modelPolicy) node.modelPolicy = modelPolicy;
  snapshot.entities.push(node);

  const { claims, problems } = readEntityClaims(entityRef, annotations);
  snapshot.claims.push(...claims);
  snapshot.claims.push(...userExpenseClaims(entity, entityRef, node.memberOf));
  snapshot.problems.push(...problems);
}

/** Why an annotation value cannot be read by `parse`, if it cannot. */
function parseProblem(
  parse: (value: string) => unknown,
  value: string,
): string | undefined {
  try {
    parse(value);
    return undefined;
  } catch (error) {
    if (error instanceof AnnotationParseError) return error.message;
    throw error;
  }
}

/** Why an `ai-cost/anomaly-threshold` value cannot be read, if it cannot. */
function anomalyThresholdProblem(value: string): string | undefined {
  return parseProblem(parseAnomalyThresholdAnnotation, value);
}

const MODEL_POLICY_ANNOTATIONS: Array<{
  annotation: string;
  field: keyof ModelPolicyAnnotations;
  parse: (value: string) => unknown;
}> = [
  {
    annotation: ANNOTATION_MAX_MODEL_TIER,
    field: 'maxModelTier',
    parse: parseMaxModelTierAnnotation,
  },
  {
    annotation: ANNOTATION_ALLOWED_MODELS,
    field: 'allowedModels',
    parse: parseAllowedModelsAnnotation,
  },
  {
    annotation: ANNOTATION_BUDGET_ENFORCEMENT,
    field: 'budgetEnforcement',
    parse: parseBudgetEnforcementAnnotation,
  },
];

/**
 * The model policy annotations an entity sets, raw; an unreadable one is
 * listed as a problem (and kept out, so the entity's policy falls back to
 * the org default and the guardrail never enforces a value it cannot read).
 */
function readModelPolicy(
  snapshot: CatalogSnapshot,
  entityRef: string,
  annotations: Record<string, string> | undefined,
): ModelPolicyAnnotations | undefined {
  const policy: ModelPolicyAnnotations = {};
  for (const { annotation, field, parse } of MODEL_POLICY_ANNOTATIONS) {
    const value = annotations?.[annotation];
    if (value === undefined || value.trim() === '') continue;
    const problem = parseProblem(parse, value);
    if (problem)
      snapshot.problems.push({ entityRef, annotation, message: problem });
    else policy[field] = value.trim();
  }
  return Object.keys(policy).length > 0 ? policy : undefined;
}

/** What synthesized expense claims name as their annotation: the User field they come from. */
export const USER_EMAIL_FIELD = 'spec.profile.email';

/**
 * The claims a User entity makes on expensed spend (DESIGN §9.3): its
 * `spec.profile.email` and its own ref `user:<ns>/<name>`, both lower-case,
 * are claimed (dimension `userId`, provider `expense`, specificity 3) by
 * each of its `memberOf` groups, so an employee's card spend lands on their
 * teams (split evenly between several); a user in no group claims it
 * itself. The claims are synthesized, not written as annotations: their
 * annotation is {@link USER_EMAIL_FIELD}.
 */
export function userExpenseClaims(
  entity: Entity,
  entityRef: string,
  memberOf: string[] | undefined,
): Claim[] {
  if (entity.kind.toLocaleLowerCase('en-US') !== 'user') return [];
  const profile = (entity.spec as { profile?: { email?: unknown } } | undefined)
    ?.profile;
  const email =
    typeof profile?.email === 'string'
      ? profile.email.trim().toLocaleLowerCase('en-US')
      : '';
  const values = [entityRef, ...(email ? [email] : [])];
  const claimants = memberOf && memberOf.length > 0 ? memberOf : [entityRef];
  return claimants.flatMap(claimant =>
    values.map(value => ({
      entityRef: claimant,
      annotation: USER_EMAIL_FIELD,
      provider: EXPENSE_PROVIDER,
      dimension: 'userId' as const,
      value,
      specificity: 3 as const,
    })),
  );
}

/**
 * sha256 of a snapshot (claims, graph and problems): when it changes the
 * stored index is replaced. Independent of the order the catalog lists
 * entities in.
 */
export function fingerprintSnapshot(snapshot: CatalogSnapshot): string {
  const lines = [
    ...snapshot.claims.map(c =>
      JSON.stringify(['claim', c.entityRef, c.annotation, c.value]),
    ),
    ...snapshot.entities.map(e => JSON.stringify(['entity', e])),
    ...snapshot.problems.map(p => JSON.stringify(['problem', p])),
  ].sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/** What a claim claims: usage of a provider with a dimension's value. */
export type ClaimedValue = Pick<Claim, 'provider' | 'dimension' | 'value'>;

/**
 * The values whose claims differ between two claim sets (a claim added,
 * removed, or changed in entity or specificity): only usage carrying one of
 * them can be attributed differently.
 */
export function changedClaimValues(
  before: Claim[],
  after: Claim[],
): ClaimedValue[] {
  const key = (c: Claim) =>
    [c.entityRef, c.provider, c.dimension, c.value, c.specificity].join(
      '\u0000',
    );
  const a = new Set(before.map(key));
  const b = new Set(after.map(key));
  const changed = new Map<string, ClaimedValue>();
  for (const [claims, other] of [
    [before, b],
    [after, a],
  ] as const) {
    for (const c of claims) {
      if (other.has(key(c))) continue;
      const { provider, dimension, value } = c;
      changed.set([provider, dimension, value].join('\u0000'), {
        provider,
        dimension,
        value,
      });
    }
  }
  return [...changed.values()].sort(
    (x, y) =>
      compareCodeUnits(x.provider, y.provider) ||
      compareCodeUnits(x.dimension, y.dimension) ||
      compareCodeUnits(x.value, y.value),
  );
}

/** Whether any User's `memberOf` groups differ between two snapshots (members splits weigh by them). */
export function membershipsChanged(
  before: CatalogSnapshot,
  after: CatalogSnapshot,
): boolean {
  const membersOf = (snapshot: CatalogSnapshot) =>
    new Map(
      snapshot.entities
        .filter(e => e.memberOf !== undefined)
        .map(e => [e.entityRef, JSON.stringify(e.memberOf)]),
    );
  const a = membersOf(before);
  const b = membersOf(after);
  return (
    a.size !== b.size || [...a].some(([ref, groups]) => b.get(ref) !== groups)
  );
}

/** Whether any entity's `ai-cost/tags` annotation differs between two snapshots. */
export function allocationTagsChanged(
  before: CatalogSnapshot,
  after: CatalogSnapshot,
): boolean {
  const tagsOf = (snapshot: CatalogSnapshot) =>
    new Map(
      snapshot.entities
        .filter(e => e.allocationTags !== undefined)
        .map(e => [e.entityRef, e.allocationTags]),
    );
  const a = tagsOf(before);
  const b = tagsOf(after);
  return a.size !== b.size || [...a].some(([ref, tags]) => b.get(ref) !== tags);
}
