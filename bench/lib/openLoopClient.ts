/**
 * An open-loop HTTP load client, run in its own worker thread (its own event
 * loop and heap) so the server's latencies are not inflated by the client's
 * own work on the server's thread. Requests go over keep-alive connections;
 * each latency runs from the moment the request was due, not when it was
 * sent, so a stalled server is not hidden by the client waiting for it.
 * Requests due during the warm-up are sent but not measured.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { Worker, parentPort, workerData } from 'node:worker_threads';

export type OpenLoopOptions = {
  urls: string[];
  /** Requests per second. */
  rate: number;
  warmupSeconds: number;
  seconds: number;
};

export type OpenLoopResult = {
  /** Milliseconds of the measured requests, ascending. */
  latencies: number[];
  /** Seconds from the first measured request due to the last answer. */
  elapsed: number;
};

/** Runs the load in a worker thread and resolves with its latencies. */
export function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  // The worker inherits the parent's execArgv, so the TypeScript transform
  // `bench/run.sh` preloads applies to this file too.
  const worker = new Worker(__filename, { workerData: options });
  return new Promise((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', code => {
      if (code !== 0) reject(new Error(`load client exited with ${code}`));
    });
  });
}

function get(agent: http.Agent, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          if (res.statusCode === 200) resolve();
          else
            reject(
              new Error(
                `GET ${new URL(url).pathname} answered ${
                  res.statusCode
                }: ${Buffer.concat(chunks).toString().slice(0, 300)}`,
              ),
            );
        });
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const { urls, rate, warmupSeconds, seconds } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const warmup = Math.round(rate * warmupSeconds);
  const total = warmup + Math.round(rate * seconds);
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
    const answered = get(agent, urls[i % urls.length]);
    pending.push(
      i < warmup
        ? answered
        : answered.then(() => void latencies.push(performance.now() - due)),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - t0) / 1000 - warmupSeconds;
  agent.destroy();
  return { latencies: latencies.sort((a, b) => a - b), elapsed };
}

if (parentPort && workerData?.urls) {
  const port = parentPort;
  openLoop(workerData as OpenLoopOptions).then(result =>
    port.postMessage(result),
  );
}
