/** Timing, memory and result bookkeeping shared by the measurements. */
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

/** One line of `bench/results.json`. */
export interface Result {
  name: string;
  db: string;
  /** `null` when the measurement was skipped. */
  value: number | null;
  unit: string;
  /** Usage rows (or events) the measurement worked on. */
  rows: number | null;
  target?: string;
  met?: boolean | null;
  note?: string;
  scale: number;
  dbVersion?: string;
  cpus: number;
  cpuModel: string;
  totalMemoryMB: number;
  loadAverage1m: number;
  nodeVersion: string;
  date: string;
}

type Target = { op: '>=' | '<='; value: number };

/** DESIGN targets of issue #10, by measurement name and database. */
export const TARGETS: Record<string, Partial<Record<string, Target>>> = {
  'upsert-1m': {
    sqlite: { op: '>=', value: 100_000 },
    postgres: { op: '>=', value: 50_000 },
  },
  'ingest-peak-rss': {
    sqlite: { op: '<=', value: 600 },
    postgres: { op: '<=', value: 600 },
  },
  'attribution-rebuild-10k': {
    sqlite: { op: '<=', value: 20 },
    postgres: { op: '<=', value: 20 },
  },
  'costs-first-view-p95': { postgres: { op: '<=', value: 25 } },
  'costs-after-push-p95': { postgres: { op: '<=', value: 25 } },
  'costs-p95': { postgres: { op: '<=', value: 25 } },
  'rollup-p95': { postgres: { op: '<=', value: 150 } },
  'tag-rollup-p95': { postgres: { op: '<=', value: 150 } },
  'costs-speedup-vs-naive': {
    sqlite: { op: '>=', value: 20 },
    postgres: { op: '>=', value: 20 },
  },
  'rollup-speedup-vs-naive': {
    sqlite: { op: '>=', value: 20 },
    postgres: { op: '>=', value: 20 },
  },
  'tag-rollup-speedup-vs-naive': {
    sqlite: { op: '>=', value: 20 },
    postgres: { op: '>=', value: 20 },
  },
  'guardrail-p99': {
    sqlite: { op: '<=', value: 5 },
    postgres: { op: '<=', value: 5 },
  },
  'push-ingest': {
    sqlite: { op: '>=', value: 5000 },
    postgres: { op: '>=', value: 5000 },
  },
  'push-loss': {
    sqlite: { op: '<=', value: 0 },
    postgres: { op: '<=', value: 0 },
  },
};

export function machine() {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemoryMB: Math.round(os.totalmem() / 2 ** 20),
    loadAverage1m: Number(os.loadavg()[0].toFixed(2)),
    nodeVersion: process.version,
    date: new Date().toISOString(),
  };
}

export class Results {
  readonly list: Result[] = [];

  constructor(
    private readonly db: string,
    private readonly scale: number,
    private readonly dbVersion?: string,
  ) {}

  add(r: {
    name: string;
    value: number | null;
    unit: string;
    rows: number | null;
    note?: string;
  }) {
    const target = TARGETS[r.name]?.[this.db];
    const met =
      target && r.value !== null
        ? target.op === '>='
          ? r.value >= target.value
          : r.value <= target.value
        : undefined;
    const result: Result = {
      ...r,
      db: this.db,
      ...(target
        ? { target: `${target.op} ${target.value}`, met: met ?? null }
        : {}),
      scale: this.scale,
      ...(this.dbVersion ? { dbVersion: this.dbVersion } : {}),
      ...machine(),
    };
    this.list.push(result);
    const shown =
      r.value === null ? 'not measured' : `${fmt(r.value)} ${r.unit}`;
    const verdict =
      met === undefined ? '' : met ? '  [target met]' : '  [target MISSED]';
    log(`  => ${r.name}: ${shown}${verdict}${r.note ? `  (${r.note})` : ''}`);
  }

  skip(name: string, unit: string, why: string) {
    this.add({ name, value: null, unit, rows: null, note: why });
  }
}

export function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: n < 10 ? 2 : 1 });
}

const started = performance.now();
export function log(message: string) {
  const t = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  console.log(`[${t}s] ${message}`);
}

export async function timed<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; result: T }> {
  const t0 = performance.now();
  const result = await fn();
  return { ms: performance.now() - t0, result };
}

/** Nearest-rank percentile of already sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/**
 * Peak resident memory of this process. Linux keeps the high-water mark in
 * /proc/self/status (VmHWM); writing 5 to /proc/self/clear_refs resets it, so
 * the peak of one phase can be read exactly. A sampler backs it up where
 * /proc is not available.
 */
export class PeakRss {
  #max = 0;
  #timer: NodeJS.Timeout;
  readonly exact: boolean;

  constructor() {
    try {
      fs.writeFileSync('/proc/self/clear_refs', '5');
      this.exact = true;
    } catch {
      this.exact = false;
    }
    this.sample();
    this.#timer = setInterval(() => this.sample(), 25);
  }

  sample() {
    this.#max = Math.max(this.#max, process.memoryUsage.rss());
  }

  /** Stops sampling; peak RSS in bytes. */
  stop(): number {
    clearInterval(this.#timer);
    this.sample();
    if (this.exact) {
      const status = fs.readFileSync('/proc/self/status', 'utf8');
      const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
      if (kb) return Math.max(this.#max, Number(kb) * 1024);
    }
    return this.#max;
  }
}
