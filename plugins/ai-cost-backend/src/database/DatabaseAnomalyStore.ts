import type { Knex } from 'knex';
import type {
  AnomalyStore,
  DetectedAnomaly,
  StoredAnomaly,
} from './AnomalyStore';
import { dbIso, dbNumber, IN_CHUNK } from './dbHelpers';
import { decodeCursor, pageOf } from './pageCursor';
import type { DbAnomalyRow } from './tables';

function toAnomaly(row: DbAnomalyRow): StoredAnomaly {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    model: row.model,
    startDate: row.start_date,
    endDate: row.end_date,
    expected: dbNumber(row.expected_micros),
    actual: dbNumber(row.actual_micros),
    impact: dbNumber(row.impact_micros),
    impactPct: dbNumber(row.impact_pct),
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
            at: dbIso(row.feedback_at),
            ...(row.feedback_comment ? { comment: row.feedback_comment } : {}),
          }
        : null,
    createdAt: dbIso(row.created_at),
    updatedAt: dbIso(row.updated_at),
  };
}

/** The order of anomaly lists: newest start first, then largest impact, then newest row. */
function newestFirst(a: StoredAnomaly, b: StoredAnomaly): number {
  if (a.startDate !== b.startDate) return a.startDate < b.startDate ? 1 : -1;
  return b.impact - a.impact || Number(b.id) - Number(a.id);
}

/** The knex implementation of {@link AnomalyStore}, on SQLite and PostgreSQL. */
export class DatabaseAnomalyStore implements AnomalyStore {
  constructor(private readonly db: Knex) {}

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
    // Idempotent across replicas: insert-or-nothing on the ongoing key, then
    // update; never a select-then-insert that a concurrent scan can break.
    const inserted = await this.db('ai_cost_anomalies')
      .insert({
        ...key,
        ...figures,
        created_at: now,
      })
      .onConflict(['entity_ref', 'model', 'start_date'])
      .ignore()
      .returning('id');
    if (inserted.length === 0) {
      await this.db('ai_cost_anomalies').where(key).update(figures);
    }
    const row = await this.db<DbAnomalyRow>('ai_cost_anomalies')
      .where(key)
      .first();
    return { anomaly: toAnomaly(row!), created: inserted.length > 0 };
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
    limit: number;
    cursor?: string;
  }) {
    const { entityRefs, status, limit, cursor } = options;
    const after = cursor
      ? decodeCursor(cursor, ['string', 'number', 'number'])
      : undefined;
    const run = async (refs?: string[]) => {
      const query = this.db<DbAnomalyRow>('ai_cost_anomalies')
        .orderBy([
          { column: 'start_date', order: 'desc' },
          { column: 'impact_micros', order: 'desc' },
          { column: 'id', order: 'desc' },
        ])
        .limit(limit + 1);
      if (refs) query.whereIn('entity_ref', refs);
      if (status) query.where({ status });
      if (after) {
        const [startDate, impact, id] = after;
        query.where(q =>
          q
            .where('start_date', '<', startDate)
            .orWhere(q2 =>
              q2
                .where('start_date', startDate)
                .where('impact_micros', '<', impact),
            )
            .orWhere(q2 =>
              q2
                .where('start_date', startDate)
                .where('impact_micros', impact)
                .where('id', '<', id),
            ),
        );
      }
      return (await query).map(toAnomaly);
    };
    const found: StoredAnomaly[] = [];
    if (entityRefs) {
      for (let i = 0; i < entityRefs.length; i += IN_CHUNK) {
        found.push(...(await run(entityRefs.slice(i, i + IN_CHUNK))));
      }
      found.sort(newestFirst);
    } else {
      found.push(...(await run()));
    }
    return pageOf(found, limit, item => [
      item.startDate,
      item.impact,
      Number(item.id),
    ]);
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
