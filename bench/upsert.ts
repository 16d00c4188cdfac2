/**
 * (1) Upsert throughput through the real ingestion engine and (6) peak RSS
 * meanwhile.
 *
 * One source's 180 days (1M rows at scale 1) go in as five 36-day runs, each
 * `IngestionEngine.runSource` as the scheduler calls it, with a provider
 * double that streams the records of `usageOfWindow` in pages of 1,000 as a
 * paginated API would: the engine stores them a chunk at a time (one
 * transaction each) and ends the run by deleting what the provider no
 * longer reports and marking the run done. The peak RSS is the streaming
 * path's. Timed: the whole run minus the time the double spends generating
 * records (the provider's job, and synchronous, so it is also taken off the
 * client's CPU seconds). The other four sources then fill the table to 5M
 * rows (reported as the top-up rate), and one run is re-ingested with
 * restated amounts: every row an update, the steady state of hourly
 * lookback runs.
 */
import type { SchedulerService } from '@backstage/backend-plugin-api';
import { addDays } from '@ai-cost/plugin-ai-cost-common';
import {
  collectUsagePages,
  type AiCostProvider,
  type PricingService,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type { TaskRequestStore } from '../plugins/ai-cost-backend/src/database';
import { IngestionEngine } from '../plugins/ai-cost-backend/src/ingestion/IngestionEngine';
import type { BenchApp } from './lib/app';
import {
  FIRST_DAY,
  RUN_DAYS,
  SOURCES,
  runWindows,
  usagePages,
  type BenchSource,
  type Universe,
} from './lib/dataset';
import { PeakRss, Results, log, timed } from './lib/measure';
import { addCpu, cpuClock, formatCpu, type CpuSeconds } from './lib/cpu';

/** Records per page the provider double yields. */
const PAGE_RECORDS = 1_000;

/** A source that streams the synthetic usage, timing its own generation. */
class BenchProvider implements AiCostProvider {
  readonly id: string;
  readonly provider: string;
  /** Changes the amounts only: a provider restating its days. */
  salt = '';
  generationMs = 0;
  records = 0;

  constructor(
    private readonly u: Universe,
    private readonly source: BenchSource,
  ) {
    this.id = source.id;
    this.provider = source.provider;
  }

  async *streamUsage(window: UsageWindow) {
    const pages = usagePages(
      this.u,
      this.source,
      window,
      PAGE_RECORDS,
      this.salt,
    );
    for (;;) {
      const t0 = performance.now();
      const page = pages.next();
      this.generationMs += performance.now() - t0;
      if (page.done) return;
      this.records += page.value.length;
      yield page.value;
    }
  }

  async fetchUsage(window: UsageWindow) {
    return collectUsagePages(this.streamUsage(window));
  }
}

interface Ingested {
  ms: number;
  cpu: CpuSeconds;
  rows: number;
}

/** The engine of the bench's sources, its clock set to each run's last day. */
function benchEngine(app: BenchApp, providers: BenchProvider[]) {
  let today = FIRST_DAY;
  const engine = new IngestionEngine({
    store: app.store,
    // runSource asks neither the scheduler nor the manual requests.
    requests: {} as TaskRequestStore,
    scheduler: {} as SchedulerService,
    logger: app.logger,
    pricing: {} as PricingService,
    settings: {
      schedule: { frequency: { hours: 1 }, timeout: { hours: 1 } },
      backfillDays: RUN_DAYS,
      lookbackDays: RUN_DAYS,
    },
    providers,
    now: () => new Date(`${today}T12:00:00Z`),
  });
  return {
    /** Runs a source for the window ending on `lastDay`. */
    async run(provider: BenchProvider, lastDay: string): Promise<Ingested> {
      today = lastDay;
      const generated = { ms: provider.generationMs, rows: provider.records };
      const stopCpu = await cpuClock(app.knex);
      const { ms, result } = await timed(() =>
        engine.runSource(provider.id, 'schedule'),
      );
      const cpu = await stopCpu();
      if (!result) throw new Error(`The bench run of ${provider.id} failed`);
      const generationMs = provider.generationMs - generated.ms;
      return {
        ms: ms - generationMs,
        cpu: { ...cpu, client: cpu.client - generationMs / 1000 },
        rows: provider.records - generated.rows,
      };
    },
  };
}

async function ingestSource(
  engine: ReturnType<typeof benchEngine>,
  provider: BenchProvider,
): Promise<Ingested> {
  let total: Ingested = { ms: 0, cpu: { client: 0 }, rows: 0 };
  for (const w of runWindows()) {
    const run = await engine.run(provider, addDays(FIRST_DAY, w.to));
    total = {
      ms: total.ms + run.ms,
      cpu: addCpu(total.cpu, run.cpu),
      rows: total.rows + run.rows,
    };
  }
  return total;
}

export async function measureUpsert(
  app: BenchApp,
  u: Universe,
  results: Results,
) {
  await app.store.registerSources(
    SOURCES.map(s => ({ id: s.id, provider: s.provider })),
  );
  const providers = SOURCES.map(source => new BenchProvider(u, source));
  const engine = benchEngine(app, providers);

  log(
    `upsert: ${SOURCES[0].id}, ${u.rowsPerSource.toLocaleString()} rows in ${
      runWindows().length
    } runs`,
  );
  const rss = new PeakRss();
  const first = await ingestSource(engine, providers[0]);
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

  let topUp: Ingested = { ms: 0, cpu: { client: 0 }, rows: 0 };
  for (const provider of providers.slice(1)) {
    log(`upsert: top-up ${provider.id}`);
    const r = await ingestSource(engine, provider);
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
  providers[0].salt = 'restated';
  const restated = await engine.run(
    providers[0],
    addDays(FIRST_DAY, windows[windows.length - 1].to),
  );
  const { ms, cpu } = restated;
  results.add({
    name: 'upsert-restatement',
    value: Math.round(restated.rows / (ms / 1000)),
    unit: 'rows/s',
    rows: restated.rows,
    note: `one run re-read with restated amounts: every row takes the ON CONFLICT update path; ${(
      ms / 1000
    ).toFixed(1)} s, ${formatCpu(cpu)}`,
  });
  return first.rows + topUp.rows;
}
