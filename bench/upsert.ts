/**
 * (1) Upsert throughput through the real store and (6) peak RSS meanwhile.
 *
 * One source's 180 days (1M rows at scale 1) go in as five 36-day runs, each
 * `startRun` + `completeRun` exactly as the ingestion engine calls them: one
 * transaction that upserts the window by natural key, deletes what the
 * provider no longer reports and marks the run done. Generating the records
 * (the provider's job) is not timed. The other four sources then fill the
 * table to 5M rows (reported as the top-up rate), and one run is re-ingested
 * with restated amounts: every row an update, the steady state of hourly
 * lookback runs.
 */
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { BenchApp } from './lib/app';
import {
  SOURCES,
  runWindows,
  usageOfWindow,
  type BenchSource,
  type Universe,
} from './lib/dataset';
import { PeakRss, Results, log, timed } from './lib/measure';
import { addCpu, cpuClock, formatCpu, type CpuSeconds } from './lib/cpu';

interface Ingested {
  ms: number;
  cpu: CpuSeconds;
}

async function ingestRun(
  app: BenchApp,
  source: BenchSource,
  window: { from: string; to: string; records: UsageRecord[] },
  backfill: boolean,
): Promise<Ingested> {
  const stopCpu = await cpuClock(app.knex);
  const { ms } = await timed(async () => {
    const run = await app.store.startRun({
      sourceId: source.id,
      trigger: 'schedule',
      window: { from: window.from, to: window.to },
    });
    await app.store.completeRun({
      run,
      provider: source.provider,
      records: window.records,
      backfill,
    });
  });
  return { ms, cpu: await stopCpu() };
}

async function ingestSource(app: BenchApp, u: Universe, source: BenchSource) {
  let ms = 0;
  let cpu: CpuSeconds = { client: 0 };
  let rows = 0;
  for (const [i, w] of runWindows().entries()) {
    const window = usageOfWindow(u, source, w);
    const run = await ingestRun(app, source, window, i === 0);
    ms += run.ms;
    cpu = addCpu(cpu, run.cpu);
    rows += window.records.length;
  }
  return { ms, cpu, rows };
}

export async function measureUpsert(
  app: BenchApp,
  u: Universe,
  results: Results,
) {
  await app.store.registerSources(
    SOURCES.map(s => ({ id: s.id, provider: s.provider })),
  );

  log(
    `upsert: ${SOURCES[0].id}, ${u.rowsPerSource.toLocaleString()} rows in ${
      runWindows().length
    } runs`,
  );
  const rss = new PeakRss();
  const first = await ingestSource(app, u, SOURCES[0]);
  const peak = rss.stop();
  results.add({
    name: 'upsert-1m',
    value: Math.round(first.rows / (first.ms / 1000)),
    unit: 'rows/s',
    rows: first.rows,
    note: `${(first.ms / 1000).toFixed(1)} s (${formatCpu(
      first.cpu,
    )}) into an empty table, ${runWindows().length} runs of ~${Math.round(
      first.rows / runWindows().length,
    ).toLocaleString()} rows`,
  });
  results.add({
    name: 'ingest-peak-rss',
    value: Math.round(peak / 2 ** 20),
    unit: 'MB',
    rows: first.rows,
    note: rss.exact
      ? 'VmHWM of the bench process (reset before the ingest)'
      : 'sampled every 25 ms',
  });

  let topUp: Ingested & { rows: number } = {
    ms: 0,
    cpu: { client: 0 },
    rows: 0,
  };
  for (const source of SOURCES.slice(1)) {
    log(`upsert: top-up ${source.id}`);
    const r = await ingestSource(app, u, source);
    topUp = {
      ms: topUp.ms + r.ms,
      cpu: addCpu(topUp.cpu, r.cpu),
      rows: topUp.rows + r.rows,
    };
  }
  results.add({
    name: 'upsert-topup',
    value: Math.round(topUp.rows / (topUp.ms / 1000)),
    unit: 'rows/s',
    rows: topUp.rows,
    note: `4 more sources into a table growing from ${first.rows.toLocaleString()} to ${(
      first.rows + topUp.rows
    ).toLocaleString()} rows; ${(topUp.ms / 1000).toFixed(1)} s, ${formatCpu(
      topUp.cpu,
    )}`,
  });

  log('upsert: restating one run (all updates)');
  const windows = runWindows();
  const restated = usageOfWindow(
    u,
    SOURCES[0],
    windows[windows.length - 1],
    'restated',
  );
  const { ms, cpu } = await ingestRun(app, SOURCES[0], restated, false);
  results.add({
    name: 'upsert-restatement',
    value: Math.round(restated.records.length / (ms / 1000)),
    unit: 'rows/s',
    rows: restated.records.length,
    note: `one run re-read with restated amounts: every row takes the ON CONFLICT update path; ${(
      ms / 1000
    ).toFixed(1)} s, ${formatCpu(cpu)}`,
  });
  return first.rows + topUp.rows;
}
