/**
 * Where a latency tail comes from, seen from the server's thread: its own
 * work (event-loop utilisation), its stalls (event-loop delay, GC pauses)
 * and the machine's (time runnable but waiting for a CPU).
 */
import fs from 'node:fs';
import {
  PerformanceObserver,
  monitorEventLoopDelay,
  performance,
} from 'node:perf_hooks';

export type ThreadReport = ReturnType<ReturnType<typeof threadMonitor>['stop']>;

/**
 * The calling (server) thread from `start()` to `stop()`: how busy its event
 * loop was, how late it ran (a stall delays every request queued behind
 * it), its GC pauses and, on Linux, how long it waited for a CPU while
 * runnable (schedstat) and the share of time any task of the machine did
 * (PSI).
 */
export function threadMonitor() {
  // Sampled every 10 ms, not every 1 ms, to add few wake-ups to the thread
  // it watches; a stall still shows as the lateness of the sample after it.
  const delay = monitorEventLoopDelay({ resolution: 10 });
  const gcPauses: number[] = [];
  const gc = new PerformanceObserver(list => {
    for (const entry of list.getEntries()) gcPauses.push(entry.duration);
  });
  let from:
    | {
        elu: ReturnType<typeof performance.eventLoopUtilization>;
        at: number;
        sched?: number[];
        pressure?: number;
      }
    | undefined;
  return {
    start() {
      from = {
        elu: performance.eventLoopUtilization(),
        at: performance.now(),
        sched: schedstat(),
        pressure: cpuPressureMicros(),
      };
      delay.enable();
      gc.observe({ entryTypes: ['gc'] });
    },
    stop() {
      delay.disable();
      gc.disconnect();
      const windowMs = from ? performance.now() - from.at : NaN;
      const sched = schedstat();
      const pressure = cpuPressureMicros();
      const share = (ns: number | undefined) =>
        ns === undefined ? undefined : ns / 1e6 / windowMs;
      return {
        busy: from ? performance.eventLoopUtilization(from.elu).utilization : 0,
        delayP99: delay.percentile(99) / 1e6,
        delayMax: delay.max / 1e6,
        gcCount: gcPauses.length,
        gcMax: Math.max(0, ...gcPauses),
        onCpu: share(sched && from?.sched && sched[0] - from.sched[0]),
        waitingForCpu: share(sched && from?.sched && sched[1] - from.sched[1]),
        machineCpuPressure: share(
          pressure !== undefined && from?.pressure !== undefined
            ? (pressure - from.pressure) * 1000
            : undefined,
        ),
      };
    },
  };
}

/** Nanoseconds the main thread ran and waited runnable, if Linux says. */
function schedstat(): number[] | undefined {
  try {
    return fs
      .readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8')
      .split(' ')
      .slice(0, 2)
      .map(Number);
  } catch {
    return undefined;
  }
}

/** Microseconds some task of the machine waited for a CPU (Linux PSI). */
function cpuPressureMicros(): number | undefined {
  try {
    const some = fs.readFileSync('/proc/pressure/cpu', 'utf8').split('\n')[0];
    return Number(/total=(\d+)/.exec(some)?.[1]);
  } catch {
    return undefined;
  }
}

/** `34% busy, loop delay p99 1.2 ms, max 8.0 ms, 12 GCs (longest 3.1 ms), …`. */
export function describeThread(thread: ThreadReport): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const pct = (share = NaN) => `${Math.round(share * 100)}%`;
  const sched =
    thread.waitingForCpu === undefined
      ? ''
      : `, on a CPU ${pct(thread.onCpu)} and runnable but waiting for one ${pct(
          thread.waitingForCpu,
        )} of the time`;
  const machine =
    thread.machineCpuPressure === undefined
      ? ''
      : `; some task of the machine waited for a CPU ${pct(
          thread.machineCpuPressure,
        )} of the time`;
  return `${pct(thread.busy)} busy, loop delay p99 ${ms(
    thread.delayP99,
  )}, max ${ms(thread.delayMax)}, ${thread.gcCount} GCs (longest ${ms(
    thread.gcMax,
  )})${sched}${machine}`;
}
