/**
 * (7) `GET /guardrails/decision` latency under a gateway's load: an open
 * loop of 1,000 requests/s on a loopback port, rotating over the catalog's
 * entities with a model asked for, after every entity's decision was asked
 * once (the cache is warm, as it is between post-attribution runs). The
 * load client runs in a worker thread of the bench process over keep-alive
 * connections (see lib/openLoopClient.ts), so the server's thread does only
 * the server's work; it sends 3 s of warm-up at the full rate (JIT, sockets)
 * before 10 s are measured (scaled down for smoke runs, at least 3 s).
 * Where a tail comes from is measured alongside: the server thread's busy
 * share and event-loop delay, its GC pauses, and how late the client sent.
 */
import type { BenchApp } from './lib/app';
import type { Universe } from './lib/dataset';
import { Results, log, percentile } from './lib/measure';
import { runOpenLoop } from './lib/openLoopClient';
import { describeThread, threadMonitor } from './lib/threadMonitor';

const RATE = 1_000;
const WARMUP_SECONDS = 3;
const FULL_SECONDS = 10;

export async function measureGuardrail(
  app: BenchApp,
  u: Universe,
  results: Results,
) {
  const server = await app.listen();
  try {
    const { graph } = await app.index.read();
    const refs = [...graph.nodes()].map(node => node.entityRef).slice(0, 500);
    const urls = refs.map(
      (ref, i) =>
        `${server.baseUrl}/guardrails/decision?entityRef=${encodeURIComponent(
          ref,
        )}&model=${i % 2 ? 'gpt-4o' : 'gpt-4o-mini'}`,
    );
    log(`guardrail: warming the cache for ${refs.length} entities`);
    for (const url of urls) {
      const res = await fetch(url);
      const body = await res.text();
      if (res.status !== 200)
        throw new Error(
          `GET /guardrails/decision answered ${res.status}: ${body.slice(
            0,
            300,
          )}`,
        );
    }

    const seconds = Math.max(3, Math.round(FULL_SECONDS * u.scale));
    const total = RATE * seconds;
    log(
      `guardrail: ${WARMUP_SECONDS} s warm-up, then ${total.toLocaleString()} requests at ${RATE}/s from a worker thread`,
    );
    const monitor = threadMonitor();
    const { latencies, sendDelays, clientLoopDelay, elapsed } =
      await runOpenLoop(
        { urls, rate: RATE, warmupSeconds: WARMUP_SECONDS, seconds },
        monitor.start,
      );
    const thread = monitor.stop();
    const p = (n: number) => Number(percentile(latencies, n).toFixed(2));
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    results.add({
      name: 'guardrail-p99',
      value: p(99),
      unit: 'ms',
      rows: total,
      note: `${total.toLocaleString()} requests in ${elapsed.toFixed(
        1,
      )} s (open loop, ${RATE}/s, after ${WARMUP_SECONDS} s of warm-up) over ${
        refs.length
      } entities, warm cache; p50 ${p(50)} ms, p95 ${p(95)} ms, max ${p(
        100,
      )} ms; keep-alive client in a worker thread of the bench process, sending p99 ${ms(
        percentile(sendDelays, 99),
      )} after due (its loop delay p99 ${ms(clientLoopDelay.p99)}, max ${ms(
        clientLoopDelay.max,
      )}); server thread ${describeThread(thread)}`,
    });
  } finally {
    await server.close();
  }
}
