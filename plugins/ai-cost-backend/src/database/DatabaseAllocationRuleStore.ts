import type { Knex } from 'knex';
import type { AllocationRule } from '../allocation';
import type {
  AllocationRuleStore,
  StoredAllocationRule,
} from './AllocationRuleStore';
import { dbIso } from './dbHelpers';

type DbAllocationRuleRow = {
  id: string;
  position: number;
  rule: string;
  updated_by: string;
  updated_at: Date | string;
};

const TABLE = 'ai_cost_allocation_rules';

/** The knex implementation of {@link AllocationRuleStore}. */
export class DatabaseAllocationRuleStore implements AllocationRuleStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<StoredAllocationRule[]> {
    const rows = await this.db<DbAllocationRuleRow>(TABLE).orderBy([
      'position',
      'id',
    ]);
    return rows.map(row => ({
      rule: JSON.parse(row.rule),
      updatedBy: row.updated_by,
      updatedAt: dbIso(row.updated_at),
    }));
  }

  async put(rule: AllocationRule, updatedBy: string, at: Date) {
    return this.db.transaction(async tx => {
      const existing = await tx<DbAllocationRuleRow>(TABLE)
        .where({ id: rule.id })
        .forUpdate()
        .first();
      const values = {
        rule: JSON.stringify(rule),
        updated_by: updatedBy,
        updated_at: at,
      };
      if (existing) {
        await tx(TABLE).where({ id: rule.id }).update(values);
        return { created: false, previous: JSON.parse(existing.rule) };
      }
      const [{ last }] = await tx(TABLE).max({ last: 'position' });
      await tx(TABLE).insert({
        id: rule.id,
        position: Number(last ?? -1) + 1,
        ...values,
      });
      return { created: true };
    });
  }

  async delete(id: string): Promise<AllocationRule | undefined> {
    return this.db.transaction(async tx => {
      const existing = await tx<DbAllocationRuleRow>(TABLE)
        .where({ id })
        .forUpdate()
        .first();
      if (!existing) return undefined;
      await tx(TABLE).where({ id }).delete();
      return JSON.parse(existing.rule);
    });
  }
}
