/**
 * Every measurement on one database, in one process (so peak RSS is this
 * database's ingest only). Started by main.ts; writes its results as JSON to
 * the `--out` file.
 *
 * Order: ingest 5M rows (1, 6) → attribution rebuild (2) → page views (3) →
 * naive queries (4) → guardrail decisions (7) → push ingest (5, last).
 */
import fs from 'node:fs';
import { createBenchApp } from './lib/app';
import { universe } from './lib/dataset';
import { openDb, type DbKind } from './lib/db';
import { Results, log, timed } from './lib/measure';
import { SECTIONS, type Section } from './lib/sections';
import { measureUpsert } from './upsert';
import { measureAttribution } from './attribution';
import { measureQueries } from './queries';
import { measureNaive } from './naive';
import { measurePush } from './push';
import { measureGuardrail } from './guardrail';

function arg(name: string, fallback: string): string {
  const prefix = `--${name}=`;
  return (
    process.argv.find(a => a.startsWith(prefix))?.slice(prefix.length) ??
    fallback
  );
}

async function main() {
  const kind = arg('db', 'sqlite') as DbKind;
  const scale = Number(arg('scale', '1'));
  const requests = Number(arg('requests', '200'));
  const pushSeconds = Number(arg('push-seconds', '60'));
  const out = arg('out', `/tmp/ai-cost-bench-${kind}.json`);
  const u = universe(scale);

  const db = await openDb(kind, arg('run-id', String(process.pid)));
  const results = new Results(kind, scale, db.label);
  const save = () =>
    fs.writeFileSync(out, JSON.stringify(results.list, null, 2));
  log(
    `${db.label}: scale ${scale}, ${(
      u.rowsPerSource * 5
    ).toLocaleString()} usage rows, catalogs of ${u.largeCatalog.toLocaleString()} and ${u.smallCatalog.toLocaleString()} entities`,
  );
  // `--only=a,b`: the sections measured; the data they need is still built
  // (usage for attribution, the attributed catalog for the page views and
  // guardrail), push needs nothing before it.
  const only = arg('only', '');
  const sections = new Set(only ? only.split(',') : SECTIONS);
  const needs = (...names: Section[]) => names.some(n => sections.has(n));
  try {
    const app = await createBenchApp(db.knex);
    if (!needs('upsert', 'attribution', 'queries', 'guardrail', 'naive')) {
      await measurePush(app, u, pushSeconds, results);
      save();
      return;
    }
    const usageRows = await measureUpsert(app, u, results);
    save();
    if (!needs('attribution', 'queries', 'guardrail', 'naive', 'push')) return;
    await measureAttribution(app, u, usageRows, results);
    save();
    if (kind === 'postgres') {
      // What autovacuum would have done by the time anyone looks at a page:
      // statistics, and the visibility map index-only scans need after the
      // attribution rewrote ai_cost_daily.
      const { ms } = await timed(() => db.knex.raw('vacuum analyze'));
      log(`postgres: VACUUM ANALYZE took ${(ms / 1000).toFixed(1)} s`);
    }
    if (needs('queries', 'naive')) {
      const router = await measureQueries(app, u, usageRows, requests, results);
      save();
      if (needs('naive')) {
        await measureNaive(app, u, usageRows, router, results);
        save();
      }
    }
    if (needs('guardrail')) {
      await measureGuardrail(app, u, results);
      save();
    }
    if (!needs('push')) return;
    await measurePush(app, u, pushSeconds, results);
    results.add({
      name: 'database-size',
      value: Math.round((await db.sizeBytes()) / 2 ** 20),
      unit: 'MB',
      rows: usageRows,
    });
    save();
  } finally {
    await db.close(process.argv.includes('--keep-db'));
  }
}

main().then(
  () => process.exit(0),
  error => {
    console.error(error);
    process.exit(1);
  },
);
