import type { Knex } from 'knex';
import type { PolicyException } from '@ai-cost/plugin-ai-cost-common';
import type { PolicyStore } from './PolicyStore';
import { chunks, dbIso } from './dbHelpers';

const EXCEPTIONS = 'ai_cost_policy_exceptions';
const NOTICES = 'ai_cost_policy_notices';

type DbPolicyExceptionRow = {
  id: string;
  entity_ref: string;
  model_glob: string;
  justification: string;
  expires_at: string;
  created_by: string;
  created_at: Date | string;
};

function toException(row: DbPolicyExceptionRow): PolicyException {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    model: row.model_glob,
    justification: row.justification,
    expiresAt: row.expires_at,
    createdBy: row.created_by,
    createdAt: dbIso(row.created_at),
  };
}

/** The knex implementation of {@link PolicyStore}, on SQLite and PostgreSQL. */
export class DatabasePolicyStore implements PolicyStore {
  constructor(private readonly db: Knex) {}

  async addException(exception: PolicyException) {
    await this.db(EXCEPTIONS).insert({
      id: exception.id,
      entity_ref: exception.entityRef,
      model_glob: exception.model,
      justification: exception.justification,
      expires_at: exception.expiresAt,
      created_by: exception.createdBy,
      created_at: new Date(exception.createdAt),
    });
  }

  async listExceptions(entityRefs?: string[]) {
    const query = this.db<DbPolicyExceptionRow>(EXCEPTIONS).orderBy([
      { column: 'created_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    if (!entityRefs) return (await query).map(toException);
    const rows: DbPolicyExceptionRow[] = [];
    for (const refs of chunks(entityRefs, 500)) {
      rows.push(...(await query.clone().whereIn('entity_ref', refs)));
    }
    return rows
      .map(toException)
      .sort(
        (a, b) =>
          b.createdAt.localeCompare(a.createdAt) || a.id.localeCompare(b.id),
      );
  }

  async getException(id: string) {
    // Ids are UUIDs; anything else (a NUL PostgreSQL refuses) is none.
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) return undefined;
    const row = await this.db<DbPolicyExceptionRow>(EXCEPTIONS)
      .where({ id })
      .first();
    return row ? toException(row) : undefined;
  }

  async deleteException(id: string) {
    return this.db.transaction(async tx => {
      const row = await tx<DbPolicyExceptionRow>(EXCEPTIONS)
        .where({ id })
        .forUpdate()
        .first();
      if (!row) return undefined;
      await tx(EXCEPTIONS).where({ id }).delete();
      return toException(row);
    });
  }

  async recordNotices(
    notices: Array<{ entityRef: string; model: string }>,
    at: Date,
  ) {
    const fresh: Array<{ entityRef: string; model: string }> = [];
    for (const notice of notices) {
      const inserted = await this.db(NOTICES)
        .insert({
          entity_ref: notice.entityRef,
          model: notice.model,
          notified_at: at,
        })
        .onConflict(['entity_ref', 'model'])
        .ignore()
        .returning('entity_ref');
      if (inserted.length > 0) fresh.push(notice);
    }
    return fresh;
  }
}
