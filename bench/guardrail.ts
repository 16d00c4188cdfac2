/**
 * (7) `GET /guardrails/decision` latency under a gateway's load: an open
 * loop of 1,000 requests/s on a loopback port, rotating over the catalog's
 * entities with a model asked for, after every entity's decision was asked
 * once (the cache is warm, as it is between post-attribution runs). The
 * load client runs in a worker thread of the bench process over keep-alive
 * connections (see lib/openLoopClient.ts), so the server's thread does only
 * the server's work; it sends 3 s of warm-up at the full rate (JIT, sockets)
 * before 10 s are measured (scaled down for smoke runs, at least 3 s).
 */
import type { BenchApp } from './lib/app';
import type { Universe } from './lib/dataset';
import { Results, log, percentile } from './lib/measure';
import { runOpenLoop } from './lib/openLoopClient';

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
    const { latencies, elapsed } = await runOpenLoop({
      urls,
      rate: RATE,
      warmupSeconds: WARMUP_SECONDS,
      seconds,
    });
    const p = (n: number) => Number(percentile(latencies, n).toFixed(2));
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
      )} ms; keep-alive client in a worker thread of the bench process`,
    });
  } finally {
    await server.close();
  }
}
