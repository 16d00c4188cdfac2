/**
 * (5) `POST /ingest/events`, measured last: sustained events/s for 60 s
 * (scaled down for smoke runs) with a loss check. Events are OpenTelemetry
 * GenAI usage events (format `otel`) timestamped now, as a gateway's
 * exporter sends them: batches of 500 (about the OpenTelemetry batch
 * processor's 512), 4 in flight, each with a decimal cost so the sum sent is
 * exact. At the end the first batches are sent again (the route is
 * idempotent by event id), and the cost sent must equal, to the micro-unit,
 * what the push source holds in `ai_cost_usage` and what attribution put in
 * `ai_cost_daily` + `ai_cost_unallocated_daily`.
 *
 * The load generator runs in the bench process next to the server, so
 * client and server share the machine's cores.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_PUSH_SETTINGS } from '../plugins/ai-cost-backend/src/push/settings';
import type { BenchApp } from './lib/app';
import type { Universe } from './lib/dataset';
import { pick, seeded } from './lib/prng';
import { Results, log } from './lib/measure';

const BATCH = 500;
const IN_FLIGHT = 4;
const REPLAYED_BATCHES = 5;
const PUSH_ROUTES = path.resolve(
  __dirname,
  '../plugins/ai-cost-backend/src/service/pushRoutes.ts',
);

function makeEvent(seq: number, rng: () => number, u: Universe, runId: string) {
  const app = pick(rng, u.apps);
  const micros = 1 + pick(rng, 50_000); // up to $0.05 per call
  return {
    id: `bench-${runId}-${seq}`,
    timestamp: new Date().toISOString(),
    attributes: {
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': 100 + pick(rng, 4000),
      'gen_ai.usage.output_tokens': 10 + pick(rng, 800),
      app: `app-${app}`,
      team: `team-${app % u.teams}`,
    },
    cost: { amount: (micros / 1e6).toFixed(6), currency: 'USD' },
    micros,
  };
}

async function sums(app: BenchApp, sourceId: string) {
  const one = async (table: string) => {
    const [row] = await app
      .knex(table)
      .where('source_id', sourceId)
      .sum({ cost: 'cost_micros' });
    return Number(row.cost ?? 0);
  };
  return {
    events: await one('ai_cost_push_events'),
    usage: await one('ai_cost_usage'),
    attributed:
      (await one('ai_cost_daily')) + (await one('ai_cost_unallocated_daily')),
  };
}

export async function measurePush(
  app: BenchApp,
  u: Universe,
  seconds: number,
  results: Results,
) {
  const server = await app.listen();
  try {
    const url = `${server.baseUrl}/ingest/events`;
    const post = (body: string) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    const probe = await post(JSON.stringify({ events: [] }));
    if (probe.status === 404 || !existsSync(PUSH_ROUTES)) {
      const why = `not measured: route missing (POST /ingest/events answered ${probe.status})`;
      results.skip('push-ingest', 'events/s', why);
      results.skip('push-loss', 'micro-units', why);
      return;
    }

    const { sourceId } = DEFAULT_PUSH_SETTINGS;
    const runId = Date.now().toString(36);
    const rng = seeded('push', u.scale);
    const before = await sums(app, sourceId);
    let sent = 0;
    let sentMicros = 0;
    let accepted = 0;
    const replay: string[] = [];
    const send = async (body: string) => {
      const res = await post(body);
      const text = await res.text();
      if (res.status !== 200)
        throw new Error(
          `POST /ingest/events answered ${res.status}: ${text.slice(0, 300)}`,
        );
      const answer = JSON.parse(text);
      if (answer.rejected.length)
        throw new Error(
          `events rejected: ${JSON.stringify(answer.rejected.slice(0, 3))}`,
        );
      return answer as { accepted: number; duplicates: number };
    };

    log(`push: ${seconds} s of ${BATCH}-event batches, ${IN_FLIGHT} in flight`);
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    const perSecond: number[] = [];
    const worker = async () => {
      while (performance.now() < deadline) {
        const events = Array.from({ length: BATCH }, () =>
          makeEvent(sent++, rng, u, runId),
        );
        sentMicros += events.reduce((sum, e) => sum + e.micros, 0);
        const body = JSON.stringify({
          format: 'otel',
          events: events.map(({ micros: _, ...e }) => e),
        });
        if (replay.length < REPLAYED_BATCHES) replay.push(body);
        const answer = await send(body);
        accepted += answer.accepted;
        const second = Math.floor((performance.now() - t0) / 1000);
        perSecond[second] = (perSecond[second] ?? 0) + BATCH;
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const elapsed = (performance.now() - t0) / 1000;
    let duplicates = 0;
    for (const body of replay) {
      const answer = await send(body);
      duplicates += answer.duplicates;
    }

    const after = await sums(app, sourceId);
    const stored = {
      events: after.events - before.events,
      usage: after.usage - before.usage,
      attributed: after.attributed - before.attributed,
    };
    const lost = sentMicros - stored.usage;
    const rate = (from: number, to: number) => {
      const slice = perSecond.slice(from, to);
      return Math.round(
        slice.reduce((a, b) => a + (b ?? 0), 0) / Math.max(1, slice.length),
      );
    };
    // Whole seconds only: the last bucket would hold a fraction of a second.
    const wholeSeconds = Math.max(1, Math.floor(elapsed));
    const tenth = Math.max(1, Math.floor(wholeSeconds / 10));
    results.add({
      name: 'push-ingest',
      value: Math.round(sent / elapsed),
      unit: 'events/s',
      rows: sent,
      note: `${sent.toLocaleString()} events in ${elapsed.toFixed(
        1,
      )} s (${accepted.toLocaleString()} accepted); ${rate(
        0,
        tenth,
      ).toLocaleString()} events/s in the first ${tenth} s, ${rate(
        wholeSeconds - tenth,
        wholeSeconds,
      ).toLocaleString()} in the last ${tenth} s; batches of ${BATCH}, ${IN_FLIGHT} in flight, client in the same process`,
    });
    const consistent =
      stored.events === sentMicros && stored.attributed === stored.usage;
    results.add({
      name: 'push-loss',
      value: lost,
      unit: 'micro-units',
      rows: sent,
      note: `sent ${sentMicros.toLocaleString()} µ$; stored ${stored.events.toLocaleString()} in ai_cost_push_events, ${stored.usage.toLocaleString()} in ai_cost_usage, ${stored.attributed.toLocaleString()} attributed + unallocated${
        consistent ? '' : ' (MISMATCH)'
      }; ${duplicates.toLocaleString()} re-sent events counted as duplicates`,
    });
  } finally {
    await server.close();
  }
}
