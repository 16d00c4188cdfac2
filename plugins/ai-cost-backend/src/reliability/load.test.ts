import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import os from 'node:os';
import { mockCredentials } from '@backstage/backend-test-utils';
import { microsToDecimalString } from '@ai-cost/plugin-ai-cost-common';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { runLoad, type LoadRequest } from '../__testUtils__/loadGenerator';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { createTestDatabases } from '../__testUtils__/testDatabases';

/** Seconds of load per database; the test asserts correctness, never speed. */
const SECONDS = Number(process.env.AI_COST_LOAD_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.AI_COST_LOAD_CONCURRENCY ?? 8);
const EVENTS_PER_BATCH = 20;

jest.setTimeout(60_000 + SECONDS * 2_000);

const ADMIN = 'user:default/admin';
const TEAM = 'group:default/team';
const SVC = 'component:default/llm-gateway';
const DAYS = ['2026-11-01', '2026-11-02', '2026-11-03'];
const WINDOW = 'from=2026-11-01&to=2026-11-03';

/** A deterministic cost in micro-units for an event id. */
function costOf(id: string): number {
  let hash = 0;
  for (const c of id) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  return 1 + (hash % 5_000_000);
}

const figures: Record<string, unknown> = {};
/** The 1-minute load average before the first run: other work on the machine. */
const loadAverageBefore = os.loadavg()[0];
afterAll(() =>
  writeReliabilityFigures('load', {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model,
      node: process.version,
      loadAverageBefore: Math.round(loadAverageBefore * 100) / 100,
      loadAverageAfter: Math.round(os.loadavg()[0] * 100) / 100,
    },
    seconds: SECONDS,
    concurrency: CONCURRENCY,
    eventsPerBatch: EVENTS_PER_BATCH,
    results: figures,
  }),
);

describe('load on loopback: POST /ingest/events with GET /costs and /rollup', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let server: Server;
    afterEach(
      () => new Promise<void>(resolve => server?.close(() => resolve())),
    );

    it(`holds ${CONCURRENCY} concurrent clients for ${SECONDS} s with zero loss and no 5xx`, async () => {
      const knex = await databases.init(databaseId);
      const test = await createCostTestApp({
        knex,
        entities: [
          catalogEntity(TEAM),
          catalogEntity(SVC, {
            owner: TEAM,
            annotations: { 'ai-cost/gateway-tags': 'service=search' },
          }),
        ],
      });
      await test.indexer.rebuild();
      server = test.app.listen(0, '127.0.0.1');
      await new Promise(resolve => server.once('listening', resolve));
      const { port } = server.address() as AddressInfo;
      const auth = mockCredentials.user.header(ADMIN);

      /** Every event id sent, with its cost and whether SVC claims it. */
      const sent = new Map<string, { cost: number; claimed: boolean }>();
      const batches: string[] = [];
      const unexpected: string[] = [];

      const next = (worker: number, sequence: number): LoadRequest => {
        const roll = (worker * 7919 + sequence * 104_729) % 100;
        if (roll < 10 && batches.length > 0) {
          // A gateway re-sending a batch it already sent: all duplicates.
          return {
            kind: 'POST /ingest/events (re-sent)',
            method: 'POST',
            path: '/ingest/events',
            headers: {
              authorization: auth,
              'content-type': 'application/json',
            },
            body: batches[(worker + sequence) % batches.length],
          };
        }
        if (roll < 55) {
          const events = Array.from({ length: EVENTS_PER_BATCH }, (_, k) => {
            const id = `w${worker}-s${sequence}-e${k}`;
            const cost = costOf(id);
            const claimed = k % 5 !== 0;
            sent.set(id, { cost, claimed });
            return {
              id,
              timestamp: `${DAYS[(sequence + k) % DAYS.length]}T${String(
                k % 24,
              ).padStart(2, '0')}:00:00Z`,
              attributes: {
                'gen_ai.provider.name': 'openai',
                'gen_ai.request.model': k % 2 ? 'gpt-4o' : 'gpt-4o-mini',
                'gen_ai.usage.input_tokens': 100 + k,
                'gen_ai.usage.output_tokens': 10 + k,
                service: claimed ? 'search' : 'unclaimed',
              },
              cost: { amount: microsToDecimalString(cost), currency: 'USD' },
            };
          });
          const body = JSON.stringify({ events });
          return {
            kind: 'POST /ingest/events',
            method: 'POST',
            path: '/ingest/events',
            headers: {
              authorization: auth,
              'content-type': 'application/json',
            },
            body,
          };
        }
        return roll < 78
          ? {
              kind: 'GET /costs',
              method: 'GET',
              path: `/costs?entityRef=${SVC}&${WINDOW}`,
              headers: { authorization: auth },
            }
          : {
              kind: 'GET /rollup',
              method: 'GET',
              path: `/rollup?groupBy=owner&${WINDOW}`,
              headers: { authorization: auth },
            };
      };

      const result = await runLoad({
        port,
        concurrency: CONCURRENCY,
        durationMs: SECONDS * 1000,
        next,
        onResponse: (request, status, body) => {
          if (status !== 200) {
            unexpected.push(`${request.kind}: ${status} ${body.slice(0, 300)}`);
            return;
          }
          if (request.kind === 'POST /ingest/events') {
            const answer = JSON.parse(body);
            if (
              answer.accepted !== EVENTS_PER_BATCH ||
              answer.rejected.length !== 0
            ) {
              unexpected.push(
                `batch not fully accepted: ${body.slice(0, 300)}`,
              );
            } else {
              batches.push(request.body!);
            }
          } else if (request.kind === 'POST /ingest/events (re-sent)') {
            const answer = JSON.parse(body);
            if (
              answer.duplicates !== EVENTS_PER_BATCH ||
              answer.accepted !== 0
            ) {
              unexpected.push(
                `re-sent batch not all duplicates: ${body.slice(0, 300)}`,
              );
            }
          }
        },
      });
      figures[String(databaseId)] = result;

      expect(result.errorSamples).toEqual([]);
      expect(unexpected.slice(0, 5)).toEqual([]);
      expect(Object.keys(result.statuses)).toEqual(['200']);

      // Zero loss: every event sent is stored once, to the micro-unit.
      const events = [...sent.values()];
      const total = events.reduce((sum, e) => sum + e.cost, 0);
      const claimed = events
        .filter(e => e.claimed)
        .reduce((sum, e) => sum + e.cost, 0);
      const [stored] = await knex('ai_cost_push_events')
        .where({ source_id: 'gateway' })
        .count({ n: '*' })
        .sum({ cost: 'cost_micros' });
      expect({ events: Number(stored.n), cost: Number(stored.cost) }).toEqual({
        events: events.length,
        cost: total,
      });
      const usage = await test.store.sumUsage({
        from: DAYS[0],
        to: DAYS[DAYS.length - 1],
        sourceId: 'gateway',
      });
      expect({ cost: usage.cost, requests: usage.requests }).toEqual({
        cost: total,
        requests: events.length,
      });

      // And attributed, as the API shows it after the last push.
      const costs = await fetch(
        `http://127.0.0.1:${port}/costs?entityRef=${SVC}&${WINDOW}`,
        { headers: { authorization: auth } },
      ).then(res => res.json());
      expect(Math.round(costs.total.cost * 1e6)).toBe(claimed);
      expect(costs.total.requests).toBe(events.filter(e => e.claimed).length);
      const rollup = await fetch(
        `http://127.0.0.1:${port}/rollup?groupBy=owner&${WINDOW}`,
        { headers: { authorization: auth } },
      ).then(res => res.json());
      expect(Math.round(rollup.total * 1e6)).toBe(total);
      expect(Math.round(rollup.unallocated.cost * 1e6)).toBe(total - claimed);
      (figures[String(databaseId)] as Record<string, unknown>).stored = {
        events: events.length,
        costMicros: total,
      };
    });
  });
});
