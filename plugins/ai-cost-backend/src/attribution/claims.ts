import {
  CLAIM_ANNOTATIONS,
  parseListAnnotation,
  parseTagsAnnotation,
  type ClaimDimension,
  type ClaimSpecificity,
} from '@ai-cost/plugin-ai-cost-common';

/** One value an entity claims through one of its `ai-cost/*` annotations. */
export type Claim = {
  entityRef: string;
  annotation: string;
  provider: string;
  dimension: ClaimDimension;
  /**
   * The claimed id; for tag annotations a selector `key=value[,key=value]`
   * with keys sorted, matching records that carry every pair.
   */
  value: string;
  specificity: ClaimSpecificity;
};

/** An annotation that could not be read; its claim is ignored until fixed. */
export type ClaimProblem = {
  entityRef: string;
  annotation: string;
  message: string;
};

/** Orders strings by UTF-16 code units, independent of locale. */
export function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The annotation that claims a provider dimension, e.g. `ai-cost/openai-project-id`. */
export function claimAnnotationFor(
  provider: string,
  dimension: string,
): string | undefined {
  return CLAIM_ANNOTATIONS.find(
    a => a.provider === provider && a.dimension === dimension,
  )?.annotation;
}

/** Writes a tag selector in its canonical form: pairs sorted by key. */
export function formatTagSelector(
  pairs: Array<{ key: string; value: string }>,
): string {
  return [...pairs]
    .sort((a, b) => compareCodeUnits(a.key, b.key))
    .map(({ key, value }) => `${key}=${value}`)
    .join(',');
}

/** Whether tags carry every pair of a tag selector (an AND-selector). */
export function matchesTagSelector(
  pairs: Array<{ key: string; value: string }>,
  tags: Record<string, string>,
): boolean {
  return pairs.every(({ key, value }) => tags[key] === value);
}

/** Reads a tag selector written by {@link formatTagSelector}. */
export function parseTagSelector(
  selector: string,
): Array<{ key: string; value: string }> {
  return parseTagsAnnotation(selector);
}

/**
 * Reads every claim of one entity from its annotations. A list annotation
 * claims each of its ids; a tag annotation is one selector that matches
 * records carrying all of its pairs. Azure resource ids are compared
 * case-insensitively, so they are stored lower-case; AWS ARNs keep their case.
 * An annotation with an `unlessAnnotation` claims nothing next to that one
 * (`backstage.io/kubernetes-namespace` on an entity with
 * `backstage.io/kubernetes-id`). Unreadable annotations
 * become problems, never exceptions: one bad `catalog-info.yaml` must not stop
 * the attribution of everybody else.
 */
export function readEntityClaims(
  entityRef: string,
  annotations: Record<string, string> | undefined,
): { claims: Claim[]; problems: ClaimProblem[] } {
  const claims: Claim[] = [];
  const problems: ClaimProblem[] = [];
  for (const spec of CLAIM_ANNOTATIONS) {
    const raw = annotations?.[spec.annotation];
    if (raw === undefined) continue;
    // e.g. backstage.io/kubernetes-namespace next to backstage.io/kubernetes-id
    // is the Kubernetes plugin's filter, not a claim on the whole namespace.
    if (
      spec.unlessAnnotation &&
      annotations?.[spec.unlessAnnotation] !== undefined
    ) {
      continue;
    }
    const base = {
      entityRef,
      annotation: spec.annotation,
      provider: spec.provider,
      dimension: spec.dimension,
      specificity: spec.specificity,
    };
    if (spec.format === 'tags') {
      try {
        const pairs = parseTagsAnnotation(raw, spec.annotation);
        if (pairs.length > 0) {
          claims.push({ ...base, value: formatTagSelector(pairs) });
        } else {
          problems.push({
            entityRef,
            annotation: spec.annotation,
            message: `${spec.annotation} is empty; expected key=value pairs`,
          });
        }
      } catch (error) {
        problems.push({
          entityRef,
          annotation: spec.annotation,
          message: (error as Error).message,
        });
      }
      continue;
    }
    const values = parseListAnnotation(raw);
    if (values.length === 0) {
      problems.push({
        entityRef,
        annotation: spec.annotation,
        message: `${spec.annotation} is empty; expected a comma-separated list of ids`,
      });
    }
    for (const value of values) {
      claims.push({
        ...base,
        value: spec.ignoreCase ? value.toLocaleLowerCase('en-US') : value,
      });
    }
  }
  return { claims, problems };
}
