/**
 * An open-loop HTTP load client, run in its own worker thread (its own event
 * loop and heap) so the server's latencies are not inflated by the client's
 * own work on the server's thread. Requests go over keep-alive connections
 * (Node's client sockets have Nagle off); each latency runs from the moment
 * the request was due, not when it was sent, so neither a stalled server nor
 * a late client is hidden. The client never sends early: each timer tick
 * sends every request due by then. Requests due during the warm-up are sent
 * but not measured.
 */
import http from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { Worker, parentPort, workerData } from 'node:worker_threads';

export type OpenLoopOptions = {
  urls: string[];
  /** Requests per second. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
};

export type OpenLoopResult = {
  /** Milliseconds of the measured requests, from due to answered, ascending. */
  latencies: number[];
  /** Milliseconds each measured request was sent after it was due, ascending. */
  sendDelays: number[];
  /** The client thread's own event-loop delay while measuring, in ms. */
  clientLoopDelay: { p99: number; max: number };
  /** Seconds from the first measured request due to the last answer. */
  elapsed: number;
};

/**
 * Runs the load in a worker thread and resolves with its latencies;
 * `onMeasuring` is called when the warm-up is over.
 */
export function runOpenLoop(
  options: OpenLoopOptions,
  onMeasuring: () => void = () => {},
): Promise<OpenLoopResult> {
  // The worker inherits the parent's execArgv, so the TypeScript transform
  // `bench/run.sh` preloads applies to this file too.
  const worker = new Worker(__filename, { workerData: options });
  return new Promise((resolve, reject) => {
    worker.on('message', (message: 'measuring' | OpenLoopResult) => {
      if (message === 'measuring') onMeasuring();
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', code => {
      if (code !== 0) reject(new Error(`load client exited with ${code}`));
    });
  });
}

function openLoop(
  options: OpenLoopOptions,
  onMeasuring: () => void,
): Promise<OpenLoopResult> {
  const { urls, rate, warmupSeconds, seconds } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  // Parsed once: `http.get(url)` would parse the URL on every request.
  const targets = urls.map(url => {
    const { hostname, port, pathname, search } = new URL(url);
    return { hostname, port, path: `${pathname}${search}`, agent };
  });
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const latencies = new Float64Array(total - warmup);
  const sendDelays = new Float64Array(total - warmup);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const t0 = performance.now();
  const dueOf = (i: number) => t0 + (i * 1000) / rate;

  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = 0;
    const finish = () => {
      loopDelay.disable();
      agent.destroy();
      resolve({
        latencies: [...latencies].sort((a, b) => a - b),
        sendDelays: [...sendDelays].sort((a, b) => a - b),
        clientLoopDelay: {
          p99: loopDelay.percentile(99) / 1e6,
          max: loopDelay.max / 1e6,
        },
        elapsed: (performance.now() - t0) / 1000 - warmupSeconds,
      });
    };
    const send = (i: number) => {
      const due = dueOf(i);
      if (i >= warmup) sendDelays[i - warmup] = performance.now() - due;
      if (i === warmup) {
        loopDelay.enable();
        onMeasuring();
      }
      http
        .get(targets[i % targets.length], res => {
          if (res.statusCode === 200) {
            res.resume().on('end', () => {
              if (i >= warmup) latencies[i - warmup] = performance.now() - due;
              if (++answered === total) finish();
            });
          } else {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () =>
              reject(
                new Error(
                  `GET ${targets[i % targets.length].path} answered ${
                    res.statusCode
                  }: ${Buffer.concat(chunks).toString().slice(0, 300)}`,
                ),
              ),
            );
          }
          res.on('error', reject);
        })
        .on('error', reject);
    };
    const tick = () => {
      const now = performance.now();
      while (sent < total && dueOf(sent) <= now) send(sent++);
      if (sent < total) setTimeout(tick, dueOf(sent) - now);
    };
    tick();
  });
}

if (parentPort && workerData?.urls) {
  const port = parentPort;
  openLoop(workerData as OpenLoopOptions, () =>
    port.postMessage('measuring'),
  ).then(result => port.postMessage(result));
}
