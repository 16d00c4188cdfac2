import type { Knex } from 'knex';
import type {
  BilledId,
  BilledValues,
  BilledValueReader,
} from '../attribution/billedValues';
import { dbNumber } from './dbHelpers';

const ID_COLUMNS = {
  apiKeyId: 'api_key_id',
  projectId: 'project_id',
  resourceId: 'resource_id',
  accountId: 'account_id',
} as const;

/**
 * Reads the ids and tags stored usage carried (`ai_cost_usage`), summed per
 * provider and value: what attribution claims are matched against.
 */
export class DatabaseBillingValueStore implements BilledValueReader {
  constructor(private readonly db: Knex) {}

  /** Values seen from `from` (all history when omitted) to `to`, both inclusive. */
  async billedValues(options: {
    from?: string;
    to: string;
    provider?: string;
  }): Promise<BilledValues> {
    const base = () => {
      const query = this.db('ai_cost_usage').where('date', '<=', options.to);
      if (options.from) query.where('date', '>=', options.from);
      if (options.provider) query.where('provider', options.provider);
      return query;
    };
    const ids: BilledId[] = [];
    for (const [dimension, column] of Object.entries(ID_COLUMNS) as Array<
      [BilledId['dimension'], string]
    >) {
      const rows = await base()
        .whereNotNull(column)
        .where(column, '<>', '')
        .groupBy('provider', column)
        .select(
          'provider',
          this.db.ref(column).as('value'),
          this.db.raw('sum(cost_micros) as cost'),
          this.db.raw('max(date) as last_seen'),
        );
      for (const row of rows) {
        ids.push({
          provider: row.provider,
          dimension,
          value: row.value,
          cost: dbNumber(row.cost),
          lastSeen: row.last_seen,
        });
      }
    }
    const tagRows = await base()
      .whereNotNull('tags')
      .groupBy('provider', 'tags')
      .select(
        'provider',
        'tags',
        this.db.raw('sum(cost_micros) as cost'),
        this.db.raw('max(date) as last_seen'),
      );
    const tagSets = tagRows.map(row => ({
      provider: row.provider as string,
      tags: JSON.parse(row.tags) as Record<string, string>,
      cost: dbNumber(row.cost),
      lastSeen: row.last_seen as string,
    }));
    return { ids, tagSets };
  }
}
