import type { Knex } from 'knex';
import type { CatalogSnapshot } from '../attribution/catalogSnapshot';
import type { Claim } from '../attribution/claims';
import type {
  CatalogIndexState,
  CatalogSnapshotStore,
} from './AttributionStore';
import { dbIso, dbNumber, insertBatches } from './dbHelpers';
import type {
  DbAttributionKeyRow,
  DbEntityRow,
  DbIndexStateRow,
} from './tables';

function toState(row: DbIndexStateRow): CatalogIndexState {
  return {
    fingerprint: row.fingerprint,
    builtAt: dbIso(row.built_at),
    entityCount: dbNumber(row.entity_count),
    problems: JSON.parse(row.problems),
  };
}

/** The knex implementation of {@link CatalogSnapshotStore}, on SQLite and PostgreSQL. */
export class DatabaseCatalogSnapshotStore implements CatalogSnapshotStore {
  constructor(private readonly db: Knex) {}

  async replaceCatalogSnapshot(snapshot: CatalogSnapshot, fingerprint: string) {
    const entities: DbEntityRow[] = snapshot.entities.map(e => ({
      entity_ref: e.entityRef,
      kind: e.kind,
      title: e.title ?? null,
      owner_ref: e.ownerRef ?? null,
      part_of: JSON.stringify(e.partOf),
      child_of: JSON.stringify(e.childOf),
      monthly_budget: e.monthlyBudget ?? null,
      anomaly_threshold: e.anomalyThreshold ?? null,
      allocation_tags: e.allocationTags ?? null,
      cost_center: e.costCenter ?? null,
      member_of: e.memberOf ? JSON.stringify(e.memberOf) : null,
      vendors: e.vendors ?? null,
      model_policy: e.modelPolicy ? JSON.stringify(e.modelPolicy) : null,
    }));
    const keys: DbAttributionKeyRow[] = snapshot.claims.map(c => ({
      entity_ref: c.entityRef,
      annotation: c.annotation,
      provider: c.provider,
      dimension: c.dimension,
      value: c.value,
      specificity: c.specificity,
    }));
    const state: DbIndexStateRow = {
      id: 1,
      fingerprint,
      built_at: new Date(),
      entity_count: entities.length,
      problems: JSON.stringify(snapshot.problems),
    };
    await this.db.transaction(async tx => {
      await tx('ai_cost_entities').delete();
      await tx('ai_cost_attribution_keys').delete();
      for (const batch of insertBatches(entities)) {
        await tx('ai_cost_entities').insert(batch);
      }
      for (const batch of insertBatches(keys)) {
        await tx('ai_cost_attribution_keys').insert(batch);
      }
      await tx('ai_cost_index_state').insert(state).onConflict('id').merge();
    });
  }

  async getIndexState(): Promise<CatalogIndexState | undefined> {
    const row = await this.db<DbIndexStateRow>('ai_cost_index_state')
      .where({ id: 1 })
      .first();
    return row ? toState(row) : undefined;
  }

  async loadCatalogSnapshot() {
    return this.db.transaction(async tx => {
      const stateRow = await tx<DbIndexStateRow>('ai_cost_index_state')
        .where({ id: 1 })
        .first();
      if (!stateRow) return undefined;
      const entityRows = await tx<DbEntityRow>('ai_cost_entities');
      const keyRows = await tx<DbAttributionKeyRow>(
        'ai_cost_attribution_keys',
      ).orderBy('id');
      const state = toState(stateRow);
      const snapshot: CatalogSnapshot = {
        entities: entityRows.map(row => ({
          entityRef: row.entity_ref,
          kind: row.kind,
          ...(row.title ? { title: row.title } : {}),
          ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
          partOf: JSON.parse(row.part_of),
          childOf: JSON.parse(row.child_of),
          ...(row.monthly_budget !== null
            ? { monthlyBudget: row.monthly_budget }
            : {}),
          ...(row.anomaly_threshold !== null &&
          row.anomaly_threshold !== undefined
            ? { anomalyThreshold: row.anomaly_threshold }
            : {}),
          ...(row.allocation_tags !== null
            ? { allocationTags: row.allocation_tags }
            : {}),
          ...(row.cost_center !== null ? { costCenter: row.cost_center } : {}),
          ...(row.member_of ? { memberOf: JSON.parse(row.member_of) } : {}),
          ...(row.vendors ? { vendors: row.vendors } : {}),
          ...(row.model_policy
            ? { modelPolicy: JSON.parse(row.model_policy) }
            : {}),
        })),
        claims: keyRows.map(row => ({
          entityRef: row.entity_ref,
          annotation: row.annotation,
          provider: row.provider,
          dimension: row.dimension as Claim['dimension'],
          value: row.value,
          specificity: dbNumber(row.specificity) as Claim['specificity'],
        })),
        problems: state.problems,
      };
      return { snapshot, state };
    });
  }
}
