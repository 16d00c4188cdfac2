/**
 * CPU seconds spent on a measurement: this process's (user + system), and on
 * PostgreSQL also the server backends serving the bench's own database (read
 * from /proc, since the server runs on the same machine). CPU time is far
 * less sensitive than wall time to other work sharing the cores.
 */
import fs from 'node:fs';
import type { Knex } from 'knex';

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface CpuSeconds {
  client: number;
  /** The database server's backends; undefined on SQLite or without /proc. */
  server?: number;
}

/** utime + stime of a process in seconds, or 0 when it cannot be read. */
function processSeconds(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime is
    // the 14th field of the line, stime the 15th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

async function serverBackends(knex: Knex): Promise<Map<number, number>> {
  const seconds = new Map<number, number>();
  if (knex.client.config.client !== 'pg') return seconds;
  const { rows } = await knex.raw(
    'select pid from pg_stat_activity where datname = current_database()',
  );
  for (const { pid } of rows as Array<{ pid: number }>) {
    seconds.set(pid, processSeconds(pid));
  }
  return seconds;
}

/** Starts counting; the returned function stops and tells the CPU seconds. */
export async function cpuClock(knex: Knex): Promise<() => Promise<CpuSeconds>> {
  const client = process.cpuUsage();
  const server = await serverBackends(knex);
  return async () => {
    const used = process.cpuUsage(client);
    const result: CpuSeconds = { client: (used.user + used.system) / 1e6 };
    if (knex.client.config.client === 'pg') {
      let total = 0;
      for (const [pid, after] of await serverBackends(knex)) {
        total += after - (server.get(pid) ?? 0);
      }
      result.server = total;
    }
    return result;
  };
}

/** `CPU 12.3 s` or `CPU 4.5 s client + 6.7 s server`. */
export function formatCpu(cpu: CpuSeconds): string {
  return cpu.server === undefined
    ? `CPU ${cpu.client.toFixed(1)} s`
    : `CPU ${cpu.client.toFixed(1)} s client + ${cpu.server.toFixed(
        1,
      )} s server`;
}

/** The sum of two measurements' CPU seconds. */
export function addCpu(a: CpuSeconds, b: CpuSeconds): CpuSeconds {
  return {
    client: a.client + b.client,
    ...(a.server !== undefined || b.server !== undefined
      ? { server: (a.server ?? 0) + (b.server ?? 0) }
      : {}),
  };
}
