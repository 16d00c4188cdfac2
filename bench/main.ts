/**
 * `yarn bench [--scale=1] [--db=sqlite,postgres] [--requests=200] [--push-seconds=60] [--only=upsert,attribution,queries,naive,guardrail,push] [--docs] [--keep-db]`
 * `yarn bench --report-from=bench/results.json` re-renders the table of an earlier run.
 *
 * Runs the suite once per database, each in its own process, then writes
 * the results (bench/results.json and the table in docs/benchmarks.md for
 * a full-scale run; bench/results-smoke.json otherwise).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pgAdmin, pgBaseUrl, type DbKind } from './lib/db';
import { Results, log, type Result } from './lib/measure';
import { writeReport } from './report';
import { SECTIONS } from './lib/sections';

function arg(name: string): string | undefined {
  const prefix = `--${name}=`;
  return process.argv.find(a => a.startsWith(prefix))?.slice(prefix.length);
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
async function postgresUnavailable(): Promise<string | undefined> {
  const base = pgBaseUrl();
  if (!base) return 'AI_COST_BENCH_PG=off';
  try {
    const admin = await pgAdmin(base);
    await admin.destroy();
    return undefined;
  } catch (error) {
    return `cannot connect to ${base}${
      process.env.AI_COST_BENCH_PG
        ? ''
        : ` (the default; set AI_COST_BENCH_PG to another server)`
    }: ${(error as Error).message}`;
  }
}

async function main() {
  const from = arg('report-from');
  if (from) {
    // Re-renders the outputs of an earlier run without measuring again.
    const results: Result[] = JSON.parse(fs.readFileSync(from, 'utf8'));
    writeReport(results, { scale: results[0].scale, docs: true });
    return;
  }
  const scale = Number(arg('scale') ?? '1');
  if (!(scale > 0 && scale <= 1))
    throw new Error(`--scale must be in (0, 1], got ${arg('scale')}`);
  const only = arg('only');
  const unknown = (only ?? '')
    .split(',')
    .filter(name => name && !(SECTIONS as readonly string[]).includes(name));
  if (only !== undefined && (only === '' || unknown.length > 0))
    throw new Error(
      `--only takes a comma-separated list of ${SECTIONS.join(
        ', ',
      )}; got ${only}`,
    );
  const dbs = (arg('db') ?? 'sqlite,postgres').split(',') as DbKind[];
  const requests = Number(arg('requests') ?? '200');
  const pushSeconds = Number(
    arg('push-seconds') ?? Math.max(5, Math.round(60 * scale)),
  );
  const runId = `${Date.now().toString(36)}_${process.pid}`;
  const all: Result[] = [];

  for (const db of dbs) {
    if (db === 'postgres') {
      const why = await postgresUnavailable();
      if (why) {
        log(`postgres: SKIPPED — ${why}`);
        const skipped = new Results('postgres', scale);
        skipped.skip('postgres-skipped', '', `PostgreSQL not measured: ${why}`);
        all.push(...skipped.list);
        continue;
      }
    }
    const out = path.join(os.tmpdir(), `ai-cost-bench-${runId}-${db}.json`);
    log(`=== ${db} ===`);
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        path.join(__dirname, 'suite.ts'),
        `--db=${db}`,
        `--scale=${scale}`,
        `--requests=${requests}`,
        `--push-seconds=${pushSeconds}`,
        `--run-id=${runId}`,
        `--out=${out}`,
        ...(process.argv.includes('--keep-db') ? ['--keep-db'] : []),
        ...(only ? [`--only=${only}`] : []),
      ],
      { stdio: 'inherit' },
    );
    if (fs.existsSync(out)) {
      all.push(...JSON.parse(fs.readFileSync(out, 'utf8')));
      fs.rmSync(out);
    }
    if (child.status !== 0) {
      // A failed suite (a check such as attributed + unallocated = ingested
      // or the naive totals) fails the run, so the smoke run in CI is a test.
      process.exitCode = 1;
      const failed = new Results(db, scale);
      failed.skip(
        'suite-failed',
        '',
        `the ${db} suite exited with ${
          child.status ?? child.signal
        }; results above are partial`,
      );
      all.push(...failed.list);
    }
  }

  writeReport(all, {
    scale,
    docs: scale === 1 || process.argv.includes('--docs'),
  });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
