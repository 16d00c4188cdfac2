import type { Knex } from 'knex';
import type {
  BudgetRequestDecision,
  BudgetRequestStore,
  StoredBudgetRequest,
} from './BudgetRequestStore';
import { dbIso, dbNumber } from './dbHelpers';

const TABLE = 'ai_cost_budget_requests';

type DbBudgetRequestRow = {
  id: string;
  entity_ref: string;
  amount_micros: number | string;
  currency: string;
  period: string;
  scope: string | null;
  business_case: string | null;
  status: string;
  requested_by: string;
  requested_at: Date | string;
  decided_by: string | null;
  decided_at: Date | string | null;
  decision_comment: string | null;
  auto_approved: boolean | number;
};

function toRequest(row: DbBudgetRequestRow): StoredBudgetRequest {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    amountMicros: dbNumber(row.amount_micros),
    currency: row.currency,
    period: row.period as StoredBudgetRequest['period'],
    scope: row.scope,
    businessCase: row.business_case,
    status: row.status as StoredBudgetRequest['status'],
    requestedBy: row.requested_by,
    requestedAt: dbIso(row.requested_at),
    decidedBy: row.decided_by,
    decidedAt: row.decided_at === null ? null : dbIso(row.decided_at),
    comment: row.decision_comment,
    autoApproved: Boolean(row.auto_approved),
  };
}

/** The knex implementation of {@link BudgetRequestStore}, on SQLite and PostgreSQL. */
export class DatabaseBudgetRequestStore implements BudgetRequestStore {
  constructor(private readonly db: Knex) {}

  async createRequest(request: StoredBudgetRequest) {
    const inserted = await this.db(TABLE)
      .insert({
        id: request.id,
        entity_ref: request.entityRef,
        amount_micros: request.amountMicros,
        currency: request.currency,
        period: request.period,
        scope: request.scope,
        business_case: request.businessCase,
        status: request.status,
        requested_by: request.requestedBy,
        requested_at: new Date(request.requestedAt),
        decided_by: request.decidedBy,
        decided_at: request.decidedAt ? new Date(request.decidedAt) : null,
        decision_comment: request.comment,
        auto_approved: request.autoApproved,
      })
      .onConflict('id')
      .ignore()
      .returning('id');
    return inserted.length > 0;
  }

  async getRequest(id: string) {
    const row = await this.db<DbBudgetRequestRow>(TABLE).where({ id }).first();
    return row ? toRequest(row) : undefined;
  }

  async listRequests(filter: { status?: string; entityRef?: string }) {
    const query = this.db<DbBudgetRequestRow>(TABLE);
    if (filter.status) query.where({ status: filter.status });
    if (filter.entityRef) query.where({ entity_ref: filter.entityRef });
    const rows = await query.orderBy([
      { column: 'requested_at', order: 'desc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toRequest);
  }

  async decideRequest(id: string, decision: BudgetRequestDecision) {
    const updated = await this.db(TABLE)
      .where({ id, status: 'pending' })
      .update({
        status: decision.status,
        decided_by: decision.decidedBy,
        decided_at: new Date(decision.decidedAt),
        decision_comment: decision.comment,
        auto_approved: decision.autoApproved,
      });
    return updated > 0 ? this.getRequest(id) : undefined;
  }

  async reopenRequest(id: string) {
    await this.db(TABLE).where({ id }).update({
      status: 'pending',
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      auto_approved: false,
    });
  }
}
