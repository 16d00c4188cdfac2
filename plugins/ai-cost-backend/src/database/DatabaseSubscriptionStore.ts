import type { Knex } from 'knex';
import {
  parseSubscription,
  subscriptionBody,
} from '../subscriptions/parseSubscription';
import type { Subscription } from '../subscriptions/types';
import { dbIso } from './dbHelpers';
import type {
  StoredSubscription,
  SubscriptionStore,
} from './SubscriptionStore';

type DbSubscriptionRow = {
  id: string;
  subscription: string;
  updated_by: string;
  updated_at: Date | string;
};

const TABLE = 'ai_cost_subscriptions';

/** The knex implementation of {@link SubscriptionStore}, on SQLite and PostgreSQL. */
export class DatabaseSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: Knex) {}

  async list(): Promise<StoredSubscription[]> {
    const rows = await this.db<DbSubscriptionRow>(TABLE).orderBy('id');
    return rows.map(row => ({
      // Stored as validated; parsed again so the micro-units come from the decimal.
      subscription: parseSubscription(
        JSON.parse(row.subscription),
        row.id,
        'portal',
      ),
      updatedBy: row.updated_by,
      updatedAt: dbIso(row.updated_at),
    }));
  }

  async put(subscription: Subscription, updatedBy: string, at: Date) {
    const values = {
      subscription: JSON.stringify(subscriptionBody(subscription)),
      updated_by: updatedBy,
      updated_at: at,
    };
    return this.db.transaction(async tx => {
      const existing = await tx<DbSubscriptionRow>(TABLE)
        .where({ id: subscription.id })
        .forUpdate()
        .first();
      if (existing) {
        await tx(TABLE).where({ id: subscription.id }).update(values);
        return { created: false };
      }
      await tx(TABLE).insert({ id: subscription.id, ...values });
      return { created: true };
    });
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.db(TABLE).where({ id }).delete();
    return deleted > 0;
  }
}
