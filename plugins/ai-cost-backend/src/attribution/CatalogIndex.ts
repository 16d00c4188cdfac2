import { EXPENSE_PROVIDER } from '../expenses/aiVendors';
import type { AttributionStore, CatalogIndexState } from '../database';
import type { CatalogSnapshot } from './catalogSnapshot';
import { ClaimIndex } from './ClaimIndex';
import type { Claim } from './claims';
import { EntityGraph } from './EntityGraph';

/** The annotation index as attribution and queries use it. */
export interface CatalogIndex {
  state: CatalogIndexState | undefined;
  graph: EntityGraph;
  claims: ClaimIndex;
  claimsOf(entityRef: string): Claim[];
  problems: CatalogSnapshot['problems'];
}

function buildIndex(
  snapshot: CatalogSnapshot,
  state: CatalogIndexState | undefined,
): CatalogIndex {
  const byEntity = new Map<string, Claim[]>();
  for (const claim of snapshot.claims) {
    // Users' synthesized expense claims are not annotations an entity page
    // lists (a group would list every member's e-mail).
    if (claim.provider === EXPENSE_PROVIDER) continue;
    const list = byEntity.get(claim.entityRef) ?? [];
    list.push(claim);
    byEntity.set(claim.entityRef, list);
  }
  return {
    state,
    graph: new EntityGraph(snapshot.entities),
    claims: new ClaimIndex(snapshot.claims),
    claimsOf: ref => byEntity.get(ref) ?? [],
    problems: snapshot.problems,
  };
}

const EMPTY: CatalogSnapshot = { entities: [], claims: [], problems: [] };

/**
 * Reads the stored annotation index, rebuilding the in-memory structures only
 * when another replica (or this one) stored a new snapshot.
 */
export class CatalogIndexReader {
  #cached: CatalogIndex = buildIndex(EMPTY, undefined);

  constructor(private readonly store: AttributionStore) {}

  async read(): Promise<CatalogIndex> {
    const state = await this.store.getIndexState();
    if (state?.fingerprint === this.#cached.state?.fingerprint) {
      return this.#cached;
    }
    const loaded = await this.store.loadCatalogSnapshot();
    this.#cached = loaded
      ? buildIndex(loaded.snapshot, loaded.state)
      : buildIndex(EMPTY, undefined);
    return this.#cached;
  }
}
