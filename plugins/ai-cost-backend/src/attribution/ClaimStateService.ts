import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import {
  addDays,
  ALL_ANNOTATIONS,
  dayOf,
  microsToNumber,
  type AttributionPreviewProblem,
  type AttributionPreviewResponse,
  type AttributionValuesQuery,
  type AttributionValuesResponse,
  type ClaimState,
  type EntityClaim,
} from '@ai-cost/plugin-ai-cost-common';
import {
  claimSpend,
  distinctBilledValues,
  type BilledValueReader,
} from './billedValues';
import type { CatalogIndexReader } from './CatalogIndex';
import { normalizeEntityRef } from './catalogSnapshot';
import { claimAnnotationFor, readEntityClaims } from './claims';

/** Days `POST /attribution/preview` sums spend over. */
const PREVIEW_DAYS = 30;
/** Days `GET /attribution/values` lists values of. */
const VALUES_DAYS = 90;

/** A value still holding a template placeholder such as `<openai-project-id>`. */
const PLACEHOLDER = /[<>]/;

function keyOf(provider: string, dimension: string, value: string) {
  return `${provider}\u0000${dimension}\u0000${value}`;
}

/** The line of `metadata.annotations` that claims a value. */
function snippetFor(provider: string, dimension: string, value: string) {
  const annotation = claimAnnotationFor(provider, dimension);
  return annotation ? `${annotation}: ${JSON.stringify(value)}` : null;
}

/**
 * Answers "why is this $0?" (DESIGN §9.5): what an entity's annotations would
 * claim before it is merged, which billed values nobody claims, and whether
 * each claim can match anything at all. Reads only; nothing is saved.
 */
export class ClaimStateService {
  constructor(
    private readonly options: {
      billed: BilledValueReader;
      index: CatalogIndexReader;
      /** Providers of the configured sources. */
      sourceProviders: () => Promise<string[]>;
      currency: string;
      now?: () => Date;
    },
  ) {}

  #today(): string {
    return dayOf((this.options.now ?? (() => new Date()))());
  }

  /** The catalog entities claiming each provider, dimension and value. */
  async #claimants(): Promise<Map<string, string[]>> {
    const { graph, claimsOf } = await this.options.index.read();
    const byValue = new Map<string, string[]>();
    for (const node of graph.nodes()) {
      for (const claim of claimsOf(node.entityRef)) {
        const key = keyOf(claim.provider, claim.dimension, claim.value);
        const refs = byValue.get(key) ?? [];
        if (!refs.includes(claim.entityRef)) refs.push(claim.entityRef);
        byValue.set(key, refs);
      }
    }
    for (const refs of byValue.values()) refs.sort();
    return byValue;
  }

  /**
   * What an entity would claim, its spend over 30 days and its conflicts
   * with the catalog entities `visible` keeps.
   */
  async preview(
    entity: Entity,
    visible: (entityRefs: string[]) => Promise<Set<string>>,
  ): Promise<AttributionPreviewResponse> {
    const entityRef = normalizeEntityRef(stringifyEntityRef(entity));
    const annotations = entity.metadata.annotations ?? {};
    const { claims, problems } = readEntityClaims(entityRef, annotations);
    const to = this.#today();
    const from = addDays(to, -(PREVIEW_DAYS - 1));
    const billed = await this.options.billed.billedValues({ from, to });
    const claimants = await this.#claimants();
    const others = [
      ...new Set(
        claims.flatMap(
          c => claimants.get(keyOf(c.provider, c.dimension, c.value)) ?? [],
        ),
      ),
    ].filter(ref => ref !== entityRef);
    const shown = await visible(others);

    const found: AttributionPreviewProblem[] = problems.map(p => ({
      annotation: p.annotation,
      message: p.message,
    }));
    for (const key of Object.keys(annotations).sort()) {
      if (key.startsWith('ai-cost/') && !ALL_ANNOTATIONS.includes(key)) {
        found.push({
          annotation: key,
          message: `${key} is not an AI Cost annotation; it claims nothing`,
        });
      }
    }
    for (const claim of claims) {
      if (PLACEHOLDER.test(claim.value)) {
        found.push({
          annotation: claim.annotation,
          message: `${claim.annotation} holds the placeholder "${claim.value}"; replace it with a real id`,
        });
      }
    }
    return {
      entityRef,
      currency: this.options.currency,
      from,
      to,
      claims: claims.map(claim => {
        const spend = claimSpend(claim, billed);
        return {
          annotation: claim.annotation,
          provider: claim.provider,
          dimension: claim.dimension,
          value: claim.value,
          cost: microsToNumber(spend.cost),
          lastSeen: spend.lastSeen,
          conflictsWith: (
            claimants.get(
              keyOf(claim.provider, claim.dimension, claim.value),
            ) ?? []
          ).filter(ref => ref !== entityRef && shown.has(ref)),
        };
      }),
      problems: found,
    };
  }

  /** Values billed over 90 days with who claims them, costliest first. */
  async values(
    query: AttributionValuesQuery,
  ): Promise<AttributionValuesResponse> {
    const to = this.#today();
    const from = addDays(to, -(VALUES_DAYS - 1));
    const billed = await this.options.billed.billedValues({
      from,
      to,
      provider: query.provider,
    });
    const { claims } = await this.options.index.read();
    const needle = query.q?.toLocaleLowerCase('en-US');
    const matching = distinctBilledValues(billed)
      .filter(
        v => !needle || v.value.toLocaleLowerCase('en-US').includes(needle),
      )
      .sort(
        (a, b) =>
          b.cost - a.cost ||
          a.provider.localeCompare(b.provider) ||
          a.dimension.localeCompare(b.dimension) ||
          a.value.localeCompare(b.value),
      );
    const items = matching.slice(0, query.limit).map(v => {
      const [key, ...rest] = v.value.split('=');
      const resolution = claims.resolve({
        provider: v.provider,
        accountId: v.dimension === 'accountId' ? v.value : null,
        projectId: v.dimension === 'projectId' ? v.value : null,
        resourceId: v.dimension === 'resourceId' ? v.value : null,
        apiKeyId: v.dimension === 'apiKeyId' ? v.value : null,
        tags: v.dimension === 'tag' ? { [key]: rest.join('=') } : null,
      });
      return {
        provider: v.provider,
        dimension: v.dimension,
        value: v.value,
        cost: microsToNumber(v.cost),
        lastSeen: v.lastSeen,
        claimedBy: resolution.kind === 'claimed' ? resolution.entityRefs : [],
        snippet: snippetFor(v.provider, v.dimension, v.value),
      };
    });
    return {
      currency: this.options.currency,
      from,
      to,
      items,
      truncated: matching.length > items.length,
    };
  }

  /** Each claim with whether its provider has a source and its value was ever billed. */
  async withStates(
    claims: EntityClaim[],
  ): Promise<Array<EntityClaim & ClaimState>> {
    if (claims.length === 0) return [];
    const configured = new Set(await this.options.sourceProviders());
    const to = this.#today();
    const providers = [...new Set(claims.map(c => c.provider))];
    const billed = await Promise.all(
      providers.map(provider =>
        this.options.billed.billedValues({ to, provider }),
      ),
    );
    const merged = {
      ids: billed.flatMap(b => b.ids),
      tagSets: billed.flatMap(b => b.tagSets),
    };
    return claims.map(claim => {
      const { lastSeen } = claimSpend(claim, merged);
      return {
        ...claim,
        sourceConfigured: configured.has(claim.provider),
        seen: lastSeen !== null,
        lastSeen,
      };
    });
  }
}
