import type { DatabaseService } from '@backstage/backend-plugin-api';
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
import type { DbRecommendationRow } from './tables';

const TABLE = 'ai_cost_recommendations';
/** Rows per upsert: 10 columns × 100 stays under every database's parameter limit. */
const BATCH_SIZE = 100;
const IN_CHUNK = 1000;
const MS_PER_DAY = 86_400_000;

function iso(value: Date | string | number): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

function isoOrNull(value: Date | string | number | null): string | null {
  return value === null || value === undefined ? null : iso(value);
}

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
    estimatedMonthlySavings: Number(row.estimated_monthly_savings_micros),
    confidence: row.confidence as StoredRecommendation['confidence'],
    status: row.status as RecommendationStatus,
    snoozedUntil:
      row.snoozed_until === null
        ? null
        : addDays(dayOf(new Date(iso(row.snoozed_until))), -1),
    decidedBy: row.decided_by,
    decisionReason: row.decision_reason,
    decidedAt: isoOrNull(row.decided_at),
    staleSince: isoOrNull(row.stale_since),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

function keyOf(r: { entity_ref: string; rule: string; fingerprint: string }) {
  return `${r.entity_ref}\u0000${r.rule}\u0000${r.fingerprint}`;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** The knex implementation of {@link RecommendationStore}, on SQLite and PostgreSQL. */
export class DatabaseRecommendationStore implements RecommendationStore {
  /** Expects the plugin's migrations to have run (see `DatabaseAiCostStore.create`). */
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseRecommendationStore> {
    return new DatabaseRecommendationStore(await options.database.getClient());
  }

  private constructor(private readonly db: Knex) {}

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
      for (const batch of chunks([...rows.values()], BATCH_SIZE)) {
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
          new Date(iso(row.stale_since)) < retentionEnd,
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
  }) {
    const { entityRefs, status } = options;
    const run = async (refs?: string[]) => {
      const query =
        this.db<DbRecommendationRow>(TABLE).whereNull('stale_since');
      if (refs) query.whereIn('entity_ref', refs);
      if (status) query.where({ status });
      return (await query).map(toRecommendation);
    };
    const all: StoredRecommendation[] = [];
    if (entityRefs) {
      for (const refs of chunks(entityRefs, IN_CHUNK)) {
        all.push(...(await run(refs)));
      }
    } else {
      all.push(...(await run()));
    }
    return all.sort(
      (a, b) =>
        b.estimatedMonthlySavings - a.estimatedMonthlySavings ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.rule.localeCompare(b.rule) ||
        a.fingerprint.localeCompare(b.fingerprint),
    );
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
