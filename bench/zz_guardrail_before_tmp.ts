import type { BenchApp } from './lib/app';
import type { Universe } from './lib/dataset';
import { Results, log, percentile } from './lib/measure';

const RATE = 1_000;
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
    const url = (i: number) =>
      `${server.baseUrl}/guardrails/decision?entityRef=${encodeURIComponent(
        refs[i % refs.length],
      )}&model=${i % 2 ? 'gpt-4o' : 'gpt-4o-mini'}`;
    const ask = async (i: number) => {
      const res = await fetch(url(i));
      const body = await res.text();
      if (res.status !== 200)
        throw new Error(
          `GET /guardrails/decision answered ${res.status}: ${body.slice(
            0,
            300,
          )}`,
        );
    };
    log(`guardrail: warming the cache for ${refs.length} entities`);
    for (let i = 0; i < refs.length; i++) await ask(i);

    const seconds = Math.max(2, Math.round(FULL_SECONDS * u.scale));
    const total = RATE * seconds;
    log(`guardrail: ${total.toLocaleString()} requests at ${RATE}/s`);
    const times: number[] = [];
    const t0 = performance.now();
    const pending: Promise<void>[] = [];
    for (let i = 0; i < total; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise(resolve => setTimeout(resolve, wait));
      pending.push(ask(i).then(() => void times.push(performance.now() - due)));
    }
    await Promise.all(pending);
    const elapsed = (performance.now() - t0) / 1000;
    times.sort((a, b) => a - b);
    const p = (n: number) => Number(percentile(times, n).toFixed(2));
    results.add({
      name: 'guardrail-p99',
      value: p(99),
      unit: 'ms',
      rows: total,
      note: `${total.toLocaleString()} requests in ${elapsed.toFixed(
        1,
      )} s (open loop, ${RATE}/s) over ${
        refs.length
      } entities, warm cache; p50 ${p(50)} ms, p95 ${p(95)} ms, max ${p(
        100,
      )} ms; client in the same process`,
    });
  } finally {
    await server.close();
  }
}
