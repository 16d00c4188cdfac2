import type { Knex } from 'knex';
import type { PricedPushEvent } from '../push/pricing';
import { BulkStatement } from './bulkInsert';
import { chunks, dbNumber, IN_CHUNK, tokenColumns } from './dbHelpers';
import { lockPushSource } from './lockPushSource';
import type {
  GatewayEventStore,
  IngestEventsOutcome,
  PushEventOutcome,
} from './PushStore';
import { gatewayEventUsageRows } from './pushedUsageRows';
import { PUSH_EVENT_COLUMNS, type DbPushEventRow } from './pushTables';
import { tagsJson } from './usageRow';
import type { UsageWindowWriter } from './UsageWindowWriter';

function eventRow(
  sourceId: string,
  event: PricedPushEvent,
  receivedAt: Date,
): DbPushEventRow {
  return {
    source_id: sourceId,
    event_id: event.eventId,
    content_hash: event.contentHash,
    format: event.format,
    occurred_at: event.occurredAt,
    date: event.date,
    upstream_provider: event.upstreamProvider,
    model: event.model,
    api_key_id: event.apiKeyId,
    user_id: event.userId,
    tags: tagsJson(event.tags),
    ...tokenColumns(event),
    cost_micros: event.cost,
    estimated_cost_micros: event.estimatedCost,
    currency: event.currency,
    cost_kind: event.costKind,
    unpriced: event.unpriced,
    received_at: receivedAt,
  };
}

/**
 * Stores new events: one statement per 5,000 on PostgreSQL, a prepared one
 * on SQLite. Under the source's lock no other push stores an id meanwhile.
 */
const INSERT_EVENTS = new BulkStatement<DbPushEventRow>(
  'ai_cost_push_events',
  PUSH_EVENT_COLUMNS,
  'on conflict (source_id, event_id) do nothing',
);

/** The knex implementation of {@link GatewayEventStore}, on SQLite and PostgreSQL. */
export class DatabaseGatewayEventStore implements GatewayEventStore {
  constructor(
    private readonly db: Knex,
    private readonly writer: UsageWindowWriter,
  ) {}

  async ingestEvents(options: {
    sourceId: string;
    events: PricedPushEvent[];
  }): Promise<IngestEventsOutcome> {
    const { sourceId, events } = options;
    return this.db.transaction(async tx => {
      await lockPushSource(tx, sourceId, 'gateway');
      const stored = new Map<string, string>();
      const ids = [...new Set(events.map(e => e.eventId))];
      for (const batch of chunks(ids, IN_CHUNK)) {
        const rows = await tx<DbPushEventRow>('ai_cost_push_events')
          .select('event_id', 'content_hash')
          .where('source_id', sourceId)
          .whereIn('event_id', batch);
        for (const row of rows) stored.set(row.event_id, row.content_hash);
      }
      const receivedAt = new Date();
      const outcomes: PushEventOutcome[] = [];
      const fresh: DbPushEventRow[] = [];
      for (const event of events) {
        const hash = stored.get(event.eventId);
        if (hash === undefined) {
          stored.set(event.eventId, event.contentHash);
          fresh.push(eventRow(sourceId, event, receivedAt));
          outcomes.push('accepted');
        } else {
          outcomes.push(hash === event.contentHash ? 'duplicate' : 'conflict');
        }
      }
      await INSERT_EVENTS.run(tx, fresh);
      // Only the new events are summed and added to the stored rows of
      // their keys: a batch costs time proportional to itself, not to the
      // days it touches (docs/benchmarks.md, push ingest).
      const days = [...new Set(fresh.map(e => e.date))].sort();
      const { written } = await this.writer.add(tx, {
        sourceId,
        rows: gatewayEventUsageRows(sourceId, fresh),
      });
      return { outcomes, recomputedDays: days, usageRows: written };
    });
  }

  async countEvents(sourceId: string): Promise<number> {
    const [row] = await this.db('ai_cost_push_events')
      .where({ source_id: sourceId })
      .count({ count: '*' });
    return dbNumber(row.count);
  }
}
