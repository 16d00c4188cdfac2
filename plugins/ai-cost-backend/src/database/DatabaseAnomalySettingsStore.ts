import type { Knex } from 'knex';
import type {
  AnomalySettingsStore,
  StoredAnomalySettings,
} from './AnomalySettingsStore';
import { dbIso, dbNumberOrNull } from './dbHelpers';

const TABLE = 'ai_cost_anomaly_settings';

type DbAnomalySettingsRow = {
  entity_ref: string;
  min_impact_micros: number | string | null;
  min_impact_percent: number | string | null;
  updated_by: string;
  updated_at: Date | string;
};

function toSettings(row: DbAnomalySettingsRow): StoredAnomalySettings {
  return {
    entityRef: row.entity_ref,
    minImpactMicros: dbNumberOrNull(row.min_impact_micros),
    minImpactPercent: dbNumberOrNull(row.min_impact_percent),
    updatedBy: row.updated_by,
    updatedAt: dbIso(row.updated_at),
  };
}

/** The knex implementation of {@link AnomalySettingsStore}, on SQLite and PostgreSQL. */
export class DatabaseAnomalySettingsStore implements AnomalySettingsStore {
  constructor(private readonly db: Knex) {}

  async getSettings(entityRef: string) {
    const row = await this.db<DbAnomalySettingsRow>(TABLE)
      .where({ entity_ref: entityRef })
      .first();
    return row ? toSettings(row) : undefined;
  }

  async listSettings() {
    const rows = await this.db<DbAnomalySettingsRow>(TABLE).orderBy(
      'entity_ref',
    );
    return rows.map(toSettings);
  }

  async putSettings(settings: StoredAnomalySettings) {
    return this.db.transaction(async tx => {
      const previous = await tx<DbAnomalySettingsRow>(TABLE)
        .where({ entity_ref: settings.entityRef })
        .forUpdate()
        .first();
      await tx(TABLE)
        .insert({
          entity_ref: settings.entityRef,
          min_impact_micros: settings.minImpactMicros,
          min_impact_percent: settings.minImpactPercent,
          updated_by: settings.updatedBy,
          updated_at: new Date(settings.updatedAt),
        })
        .onConflict('entity_ref')
        .merge();
      return previous ? toSettings(previous) : undefined;
    });
  }

  async deleteSettings(entityRef: string) {
    return this.db.transaction(async tx => {
      const previous = await tx<DbAnomalySettingsRow>(TABLE)
        .where({ entity_ref: entityRef })
        .forUpdate()
        .first();
      if (!previous) return undefined;
      await tx(TABLE).where({ entity_ref: entityRef }).delete();
      return toSettings(previous);
    });
  }
}
