import type { DatabaseService } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import type {
  AnomalyStore,
  DetectedAnomaly,
  StoredAnomaly,
} from './AnomalyStore';
import type { DbAnomalyRow } from './tables';

const IN_CHUNK = 1000;

function iso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function toAnomaly(row: DbAnomalyRow): StoredAnomaly {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    model: row.model,
    startDate: row.start_date,
    endDate: row.end_date,
    expected: Number(row.expected_micros),
    actual: Number(row.actual_micros),
    impact: Number(row.impact_micros),
    impactPct: Number(row.impact_pct),
    severity: row.severity as StoredAnomaly['severity'],
    rootCauses: JSON.parse(row.root_causes),
    status: row.status as StoredAnomaly['status'],
    feedback:
      row.feedback && row.feedback_by && row.feedback_at
        ? {
            value: row.feedback as NonNullable<
              StoredAnomaly['feedback']
            >['value'],
            by: row.feedback_by,
            at: iso(row.feedback_at),
            ...(row.feedback_comment ? { comment: row.feedback_comment } : {}),
          }
        : null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** The knex implementation of {@link AnomalyStore}, on SQLite and PostgreSQL. */
export class DatabaseAnomalyStore implements AnomalyStore {
  /** Expects the plugin's migrations to have run (see `DatabaseAiCostStore.create`). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseAnomalyStore> {
    return new DatabaseAnomalyStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

  async upsertAnomaly(anomaly: DetectedAnomaly) {
    const now = new Date();
    const figures = {
      end_date: anomaly.endDate,
      expected_micros: anomaly.expected,
      actual_micros: anomaly.actual,
      impact_micros: anomaly.impact,
      impact_pct: anomaly.impactPct,
      severity: anomaly.severity,
      root_causes: JSON.stringify(anomaly.rootCauses),
      status: anomaly.status,
      updated_at: now,
    };
    const key = {
      entity_ref: anomaly.entityRef,
      model: anomaly.model,
      start_date: anomaly.startDate,
    };
    return this.db.transaction(async tx => {
      const existing = await tx<DbAnomalyRow>('ai_cost_anomalies')
        .where(key)
        .forUpdate()
        .first();
      if (existing) {
        await tx('ai_cost_anomalies')
          .where({ id: existing.id })
          .update(figures);
      } else {
        await tx('ai_cost_anomalies').insert({
          ...key,
          ...figures,
          created_at: now,
        });
      }
      const row = await tx<DbAnomalyRow>('ai_cost_anomalies')
        .where(key)
        .first();
      return { anomaly: toAnomaly(row!), created: !existing };
    });
  }

  async getAnomaly(id: string) {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.db<DbAnomalyRow>('ai_cost_anomalies')
      .where({ id })
      .first();
    return row ? toAnomaly(row) : undefined;
  }

  async listAnomalies(options: {
    entityRefs?: string[];
    status?: 'open' | 'resolved';
    limit?: number;
  }) {
    const { entityRefs, status, limit = 200 } = options;
    const run = async (refs?: string[]) => {
      const query = this.db<DbAnomalyRow>('ai_cost_anomalies')
        .orderBy([
          { column: 'start_date', order: 'desc' },
          { column: 'impact_micros', order: 'desc' },
        ])
        .limit(limit);
      if (refs) query.whereIn('entity_ref', refs);
      if (status) query.where({ status });
      return (await query).map(toAnomaly);
    };
    if (!entityRefs) return run();
    const all: StoredAnomaly[] = [];
    for (let i = 0; i < entityRefs.length; i += IN_CHUNK) {
      all.push(...(await run(entityRefs.slice(i, i + IN_CHUNK))));
    }
    return all
      .sort(
        (a, b) => b.startDate.localeCompare(a.startDate) || b.impact - a.impact,
      )
      .slice(0, limit);
  }

  async resolveOthers(options: {
    entityRef: string;
    model: string;
    keepStartDates: string[];
  }) {
    return this.db('ai_cost_anomalies')
      .where({
        entity_ref: options.entityRef,
        model: options.model,
        status: 'open',
      })
      .whereNotIn('start_date', options.keepStartDates)
      .update({ status: 'resolved', updated_at: new Date() });
  }

  async setFeedback(
    id: string,
    feedback: NonNullable<StoredAnomaly['feedback']>,
  ) {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const updated = await this.db('ai_cost_anomalies')
      .where({ id })
      .update({
        feedback: feedback.value,
        feedback_by: feedback.by,
        feedback_at: new Date(feedback.at),
        feedback_comment: feedback.comment ?? null,
      });
    return updated ? this.getAnomaly(id) : undefined;
  }
}
