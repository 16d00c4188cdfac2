import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { allocationTagsJson } from '../attribution/attributeUsage';
import type { MetricOrigin, MetricPoint } from '../metrics/types';
import { chunks, dbNumber, IN_CHUNK, insertBatches } from './dbHelpers';
import type { MetricStore, MetricWindow, StoredMetric } from './MetricStore';

const TABLE = 'ai_cost_metrics';

function pointKey(point: MetricPoint, tags: string): string {
  return createHash('sha256')
    .update(
      JSON.stringify([point.metric, point.date, point.entityRef ?? '', tags]),
    )
    .digest('hex');
}

function rowsOf(origin: MetricOrigin, points: MetricPoint[], now: Date) {
  // The last of two points with one identity wins, as two pushes would.
  const rows = new Map<string, Record<string, unknown>>();
  for (const point of points) {
    const tags = allocationTagsJson(point.tags);
    const key = pointKey(point, tags);
    rows.set(key, {
      point_key: key,
      metric: point.metric,
      date: point.date,
      entity_ref: point.entityRef ?? '',
      tags,
      value_micros: point.valueMicros,
      unit: point.unit,
      origin,
      updated_at: now,
    });
  }
  return [...rows.values()];
}

/** The knex implementation of {@link MetricStore}. */
export class DatabaseMetricStore implements MetricStore {
  constructor(
    private readonly db: Knex,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async upsert(origin: MetricOrigin, points: MetricPoint[]): Promise<number> {
    const rows = rowsOf(origin, points, this.now());
    await this.db.transaction(tx => this.#write(tx, rows));
    return rows.length;
  }

  async replaceWindow(
    origin: MetricOrigin,
    window: MetricWindow,
    points: MetricPoint[],
  ): Promise<void> {
    const rows = rowsOf(origin, points, this.now());
    await this.db.transaction(async tx => {
      await tx(TABLE)
        .where({ origin })
        .whereBetween('date', [window.from, window.to])
        .delete();
      await this.#write(tx, rows);
    });
  }

  async #write(tx: Knex.Transaction, rows: Array<Record<string, unknown>>) {
    for (const batch of insertBatches(rows)) {
      await tx(TABLE)
        .insert(batch)
        .onConflict('point_key')
        .merge(['value_micros', 'unit', 'origin', 'updated_at']);
    }
  }

  async unitsOf(metrics: string[]): Promise<Map<string, string | null>> {
    const units = new Map<string, string | null>();
    for (const chunk of chunks(metrics, IN_CHUNK)) {
      const rows = await this.db(TABLE)
        .select('metric', 'unit')
        .whereIn('metric', chunk)
        .groupBy('metric', 'unit');
      for (const row of rows) {
        // A unit stated once is the metric's unit.
        if (!units.has(row.metric) || row.unit !== null) {
          units.set(row.metric, row.unit ?? null);
        }
      }
    }
    return units;
  }

  async entityValues(options: { metrics: string[]; window: MetricWindow }) {
    if (options.metrics.length === 0) return [];
    const rows = (await this.db(TABLE)
      .select({ metric: 'metric', date: 'date', entityRef: 'entity_ref' })
      .sum({ value: 'value_micros' })
      .whereIn('metric', options.metrics)
      .whereBetween('date', [options.window.from, options.window.to])
      .whereNot('entity_ref', '')
      .groupBy('metric', 'date', 'entity_ref')) as Array<{
      metric: string;
      date: string;
      entityRef: string;
      value: unknown;
    }>;
    return rows.map(row => ({
      metric: row.metric,
      date: row.date,
      entityRef: row.entityRef,
      valueMicros: dbNumber(row.value),
    }));
  }

  async listMetrics(
    options: { entityRefs?: string[] } = {},
  ): Promise<StoredMetric[]> {
    if (!options.entityRefs) return this.#listMetrics();
    // Chunks hold distinct entities, so their counts add up.
    const merged = new Map<string, StoredMetric>();
    for (const chunk of chunks(options.entityRefs, IN_CHUNK)) {
      for (const found of await this.#listMetrics(chunk)) {
        const before = merged.get(found.metric);
        merged.set(
          found.metric,
          before
            ? {
                ...before,
                unit: before.unit ?? found.unit,
                lastDate:
                  found.lastDate > before.lastDate
                    ? found.lastDate
                    : before.lastDate,
                entities: before.entities + found.entities,
              }
            : found,
        );
      }
    }
    return [...merged.values()].sort((a, b) => (a.metric < b.metric ? -1 : 1));
  }

  async #listMetrics(entityRefs?: string[]): Promise<StoredMetric[]> {
    const query = this.db(TABLE)
      .select('metric')
      .max({ unit: 'unit', lastDate: 'date' })
      .countDistinct({ entities: 'entity_ref' })
      .sum({
        orgWide: this.db.raw("case when entity_ref = '' then 1 else 0 end"),
      })
      .groupBy('metric')
      .orderBy('metric');
    if (entityRefs) query.whereIn('entity_ref', entityRefs);
    const rows = (await query) as Array<{
      metric: string;
      unit: string | null;
      lastDate: string;
      entities: unknown;
      orgWide: unknown;
    }>;
    return rows.map(row => ({
      metric: row.metric,
      unit: row.unit ?? null,
      lastDate: row.lastDate,
      entities: dbNumber(row.entities) - (dbNumber(row.orgWide) > 0 ? 1 : 0),
    }));
  }

  async dailyValues(options: {
    metric: string;
    window: MetricWindow;
    entityRefs?: string[];
    byTag?: string;
  }): Promise<
    Array<{ date: string; tagValue?: string | null; valueMicros: number }>
  > {
    const { metric, window, entityRefs, byTag } = options;
    type Row = { date: string; tags?: string; value: unknown };
    const query = async (refs?: string[]): Promise<Row[]> => {
      const q = this.db(TABLE)
        .select('date')
        .sum({ value: 'value_micros' })
        .where({ metric })
        .whereBetween('date', [window.from, window.to])
        .groupBy('date');
      if (refs) q.whereIn('entity_ref', refs);
      if (byTag !== undefined) q.select('tags').groupBy('tags');
      return (await q) as Row[];
    };
    const rows: Row[] = entityRefs
      ? (
          await Promise.all(
            chunks(entityRefs, IN_CHUNK).map(chunk => query(chunk)),
          )
        ).flat()
      : await query();
    const sums = new Map<
      string,
      { date: string; tagValue?: string | null; valueMicros: number }
    >();
    for (const row of rows) {
      const tagValue =
        byTag === undefined
          ? undefined
          : (JSON.parse(row.tags!) as Record<string, string>)[byTag] ?? null;
      const key = JSON.stringify([row.date, tagValue]);
      const entry = sums.get(key) ?? {
        date: row.date,
        ...(byTag === undefined ? {} : { tagValue }),
        valueMicros: 0,
      };
      entry.valueMicros += dbNumber(row.value);
      sums.set(key, entry);
    }
    return [...sums.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  }
}
