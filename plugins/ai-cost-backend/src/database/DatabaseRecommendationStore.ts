import { addDays, dayOf } from '@ai-cost/plugin-ai-cost-common';
import type { Knex } from 'knex';
import type {
  DetectedRecommendation,
  RecommendationDecision,
  RecommendationStatus,
  RecommendationStore,
  RecommendationSyncResult,
  StoredRecommendation,
} from './RecommendationStore';
import {
  chunks,
  dbIso,
  dbIsoOrNull,
  dbNumber,
  IN_CHUNK,
  insertBatches,
} from './dbHelpers';
import { decodeCursor, pageOf } from './pageCursor';
import type { DbRecommendationRow } from './tables';

const TABLE = 'ai_cost_recommendations';
const MS_PER_DAY = 86_400_000;

/** The instant a snooze ends: the start of the day after its last day. */
function snoozeEnd(until: string): Date {
  return new Date(`${addDays(until, 1)}T00:00:00.000Z`);
}

function toRecommendation(row: DbRecommendationRow): StoredRecommendation {
  return {
    id: String(row.id),
    entityRef: row.entity_ref,
    rule: row.rule as StoredRecommendation['rule'],
    fingerprint: row.fingerprint,
    title: row.title,
    description: row.description ?? '',
    evidence: JSON.parse(row.evidence),
    estimatedMonthlySavings: dbNumber(row.estimated_monthly_savings_micros),
    confidence: row.confidence as StoredRecommendation['confidence'],
    status: row.status as RecommendationStatus,
    snoozedUntil:
      row.snoozed_until === null
        ? null
        : addDays(dayOf(new Date(dbIso(row.snoozed_until))), -1),
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    decidedAt: dbIsoOrNull(row.decided_at),
    staleSince: dbIsoOrNull(row.stale_since),
    createdAt: dbIso(row.created_at),
    updatedAt: dbIso(row.updated_at),
  };
}

function keyOf(r: { entity_ref: string; rule: string; fingerprint: string }) {
  return `${r.entity_ref}\u0000${r.rule}\u0000${r.fingerprint}`;
}

/** The knex implementation of {@link RecommendationStore}, on SQLite and PostgreSQL. */
export class DatabaseRecommendationStore implements RecommendationStore {
  constructor(private readonly db: Knex) {}

  async syncRecommendations(
    findings: DetectedRecommendation[],
    options: { now: Date; staleRetentionDays: number },
  ): Promise<RecommendationSyncResult> {
    const { now } = options;
    await this.reopenExpiredSnoozes(now);
    return this.db.transaction(async tx => {
      const existing = await tx<DbRecommendationRow>(TABLE).select(
        'id',
        'entity_ref',
        'rule',
        'fingerprint',
        'status',
        'stale_since',
      );
      const known = new Map(existing.map(row => [keyOf(row), row]));
      const rows = new Map<string, Omit<DbRecommendationRow, 'id'>>();
      for (const f of findings) {
        const row = {
          entity_ref: f.entityRef,
          rule: f.rule,
          fingerprint: f.fingerprint,
          title: f.title.slice(0, 512),
          description: f.description,
          evidence: JSON.stringify(f.evidence),
          estimated_monthly_savings_micros: Math.round(
            f.estimatedMonthlySavings,
          ),
          confidence: f.confidence,
          status: 'open',
          snoozed_until: null,
          decided_by: null,
          decision_reason: null,
          decided_at: null,
          stale_since: null,
          created_at: now,
          updated_at: now,
        };
        rows.set(keyOf(row), row);
      }
      // Upserts on the unique key, so two replicas evaluating at once
      // cannot collide; a known row keeps its status and decision.
      for (const batch of insertBatches([...rows.values()])) {
        await tx(TABLE)
          .insert(batch)
          .onConflict(['entity_ref', 'rule', 'fingerprint'])
          .merge([
            'title',
            'description',
            'evidence',
            'estimated_monthly_savings_micros',
            'confidence',
            'stale_since',
            'updated_at',
          ]);
      }

      const gone = existing.filter(row => !rows.has(keyOf(row)));
      const removable = gone.filter(row => row.status === 'open');
      const retentionEnd = new Date(
        now.getTime() - options.staleRetentionDays * MS_PER_DAY,
      );
      const expired = gone.filter(
        row =>
          row.status !== 'open' &&
          row.stale_since !== null &&
          new Date(dbIso(row.stale_since)) < retentionEnd,
      );
      const newlyStale = gone.filter(
        row => row.status !== 'open' && row.stale_since === null,
      );
      for (const ids of chunks(
        [...removable, ...expired].map(row => row.id!),
        IN_CHUNK,
      )) {
        await tx(TABLE).whereIn('id', ids).delete();
      }
      for (const ids of chunks(
        newlyStale.map(row => row.id!),
        IN_CHUNK,
      )) {
        await tx(TABLE).whereIn('id', ids).update({ stale_since: now });
      }
      const created = [...rows.keys()].filter(k => !known.has(k)).length;
      return {
        created,
        updated: rows.size - created,
        removed: removable.length + expired.length,
        stale: newlyStale.length,
      };
    });
  }

  async getRecommendation(id: string) {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const row = await this.db<DbRecommendationRow>(TABLE).where({ id }).first();
    return row ? toRecommendation(row) : undefined;
  }

  async listRecommendations(options: {
    entityRefs?: string[];
    status?: RecommendationStatus;
    limit: number;
    cursor?: string;
  }) {
    const { entityRefs, status, limit, cursor } = options;
    const after = cursor
      ? decodeCursor(cursor, ['number', 'number'])
      : undefined;
    const run = async (refs?: string[]) => {
      const query = this.listed({ entityRefs: refs, status })
        .orderBy([
          { column: 'estimated_monthly_savings_micros', order: 'desc' },
          { column: 'id', order: 'asc' },
        ])
        .limit(limit + 1);
      if (after) {
        const [savings, id] = after;
        query.where(q =>
          q
            .where('estimated_monthly_savings_micros', '<', savings)
            .orWhere(q2 =>
              q2
                .where('estimated_monthly_savings_micros', savings)
                .where('id', '>', id),
            ),
        );
      }
      return (await query).map(toRecommendation);
    };
    const found: StoredRecommendation[] = [];
    if (entityRefs) {
      for (const refs of chunks(entityRefs, IN_CHUNK)) {
        found.push(...(await run(refs)));
      }
      found.sort(
        (a, b) =>
          b.estimatedMonthlySavings - a.estimatedMonthlySavings ||
          Number(a.id) - Number(b.id),
      );
    } else {
      found.push(...(await run()));
    }
    return pageOf(found, limit, item => [
      item.estimatedMonthlySavings,
      Number(item.id),
    ]);
  }

  async openSavings(options: { entityRefs?: string[] }) {
    const { entityRefs } = options;
    let total = 0;
    for (const refs of entityRefs
      ? chunks(entityRefs, IN_CHUNK)
      : [undefined]) {
      const [row] = await this.listed({ entityRefs: refs, status: 'open' }).sum(
        { total: 'estimated_monthly_savings_micros' },
      );
      total += Number(row?.total ?? 0);
    }
    return total;
  }

  async countOpen() {
    const [row] = await this.listed({ status: 'open' }).count({ count: '*' });
    return Number(row?.count ?? 0);
  }

  /** Recommendations that are not stale, of some entities and a status. */
  private listed(filter: {
    entityRefs?: string[];
    status?: RecommendationStatus;
  }) {
    const query = this.db<DbRecommendationRow>(TABLE).whereNull('stale_since');
    if (filter.entityRefs) query.whereIn('entity_ref', filter.entityRefs);
    if (filter.status) query.where({ status: filter.status });
    return query;
  }

  async decide(id: string, decision: RecommendationDecision) {
    if (!/^\d{1,18}$/.test(id)) return undefined;
    const updated = await this.db(TABLE)
      .where({ id })
      .update({
        status: decision.status,
        snoozed_until:
          decision.status === 'snoozed' ? snoozeEnd(decision.until) : null,
        decided_by: decision.by,
        decision_reason: decision.reason,
        decided_at: decision.at,
        updated_at: decision.at,
      });
    return updated ? this.getRecommendation(id) : undefined;
  }

  async reopenExpiredSnoozes(now: Date) {
    return this.db(TABLE)
      .where({ status: 'snoozed' })
      .where('snoozed_until', '<=', now)
      .update({ status: 'open', snoozed_until: null, updated_at: now });
  }
}
