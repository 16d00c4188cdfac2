// Two real backend replicas on one PostgreSQL database: the catalog, the AI
// Cost plugin and two fake billing sources (backend/), ingesting on a short
// schedule. Events are pushed to both replicas at once, each source is
// refreshed through each replica, and the test checks what a scaled-out
// deployment must guarantee: each source runs once per interval (never twice
// at once), no usage is stored twice, post-attribution runs without errors,
// and both replicas report the same totals, reconciled to the micro-unit.
// Only HTTP and SQL on the plugin's ai_cost_* tables: no plugin internals.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import pg from 'pg';
import { startFakeUsageServer } from './fakeUsageServer.mjs';
import { startReplica, tail } from './replica.mjs';

const SERVER =
  process.env.AI_COST_REPLICAS_PG ?? 'postgresql://postgres@127.0.0.1:5433';
const DATABASE = `ai_cost_replicas_${Date.now()}`;
/** The static external-access token the test calls the API with. */
const TOKEN = 'replicas-test-token-5b0d1c7e';
/** aiCost.ingestion.schedule frequency. */
const INGEST_SECONDS = 6;
/** How often a replica looks for due global tasks: min(5 s, frequency). */
const WORK_CHECK_SECONDS = 5;
/** How long the fake provider takes to answer, so runs last a while. */
const FETCH_DELAY_MS = 1000;
/** The plugin's tables, in the schema of its plugin id. */
const T = name => `"ai-cost".${name}`;

const dayOf = offset =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const TODAY = dayOf(0);
const YESTERDAY = dayOf(-1);
const TWO_DAYS_AGO = dayOf(-2);

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-search }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-chat }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: search-api
  annotations:
    ai-cost/openai-project-id: proj_search
    ai-cost/gateway-tags: team=search
spec: { type: service, lifecycle: production, owner: group:default/team-search }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: chat-bot
  annotations:
    ai-cost/openai-project-id: proj_chat
spec: { type: service, lifecycle: production, owner: group:default/team-chat }
`;

const usage = (date, projectId, model, cost) => ({
  date,
  projectId,
  model,
  cost,
  currency: 'USD',
  costKind: 'billed',
  inputTokens: 1000,
  outputTokens: 200,
  requests: 4,
});

/** What each fake source returns on every run (micro-units). */
const RECORDS = {
  'fake-search': [
    usage(TODAY, 'proj_search', 'gpt-4o', 1_234_567),
    usage(YESTERDAY, 'proj_orphan', 'gpt-4o', 765_433),
  ],
  'fake-chat': [
    usage(TODAY, 'proj_chat', 'gpt-4o-mini', 2_000_001),
    usage(YESTERDAY, 'proj_chat', 'gpt-4o-mini', 333_333),
  ],
};
const SOURCE_IDS = Object.keys(RECORDS);

const event = (id, team, micros, date) => ({
  id,
  timestamp: `${date}T12:00:00Z`,
  attributes: {
    'gen_ai.provider.name': 'openai',
    'gen_ai.request.model': 'gpt-4o',
    'gen_ai.usage.input_tokens': 100,
    'gen_ai.usage.output_tokens': 10,
    team,
  },
  cost: { amount: (micros / 1e6).toFixed(6), currency: 'USD' },
  micros,
});
const batch = (prefix, unit) =>
  [1, 2, 3, 4, 5, 6].map(i =>
    event(
      `${prefix}-${i}`,
      i % 3 === 0 ? 'nobody' : 'search',
      unit * i,
      i % 2 ? YESTERDAY : TWO_DAYS_AGO,
    ),
  );
const BATCH_A = batch('evt-a', 10_101);
const BATCH_B = batch('evt-b', 20_202);
const EVENTS = [...BATCH_A, ...BATCH_B];
const toRequest = events => ({
  events: events.map(({ micros: _, ...e }) => e),
});

const sum = values => values.reduce((a, b) => a + b, 0);
const PULLED = sum(Object.values(RECORDS).flatMap(r => r.map(u => u.cost)));
const PUSHED = sum(EVENTS.map(e => e.micros));
const EXPECTED = {
  total: PULLED + PUSHED,
  byOwner: {
    'group:default/team-search':
      1_234_567 +
      sum(
        EVENTS.filter(e => e.attributes.team === 'search').map(e => e.micros),
      ),
    'group:default/team-chat': 2_000_001 + 333_333,
  },
  unallocated:
    765_433 +
    sum(EVENTS.filter(e => e.attributes.team === 'nobody').map(e => e.micros)),
};

const micros = amount => Math.round(amount * 1e6);
const sleep = ms => new Promise(r => setTimeout(r, ms));

let dir;
let fake;
let db;
let replicas = [];
/** Refreshes that answered 202: which source, through which replica, when. */
const triggers = [];
/** Each replica's log up to the moment the test stopped it. */
let logsBeforeStop;

async function call(replica, method, path, body) {
  const res = await fetch(`${replica.baseUrl}/api/ai-cost${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${TOKEN}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  let json;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = text;
  }
  return { status: res.status, body: json };
}

async function until(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      last = await check();
      if (last === true) return;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      assert.fail(
        `Timed out waiting for ${what}; last: ${
          last instanceof Error ? last.message : JSON.stringify(last)
        }\n${replicas.map(r => `--- ${r.name}\n${tail(r, 15)}`).join('\n')}`,
      );
    }
    await sleep(500);
  }
}

async function sql(text, values) {
  return (await db.query(text, values)).rows;
}

async function runsOf(sourceId) {
  return sql(
    `select id, trigger, status, started_at, finished_at from ${T(
      'ai_cost_runs',
    )} where source_id = $1 order by started_at, id`,
    [sourceId],
  );
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ai-cost-replicas-'));
  console.log(`Database ${DATABASE}; logs and config in ${dir}`);
  const catalogFile = join(dir, 'catalog-info.yaml');
  writeFileSync(catalogFile, CATALOG);
  fake = await startFakeUsageServer({
    recordsOf: RECORDS,
    delayMs: FETCH_DELAY_MS,
  });

  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`create database ${DATABASE}`);
  await admin.end();
  db = new pg.Pool({ connectionString: `${SERVER}/${DATABASE}`, max: 2 });

  const common = {
    dir,
    database: `${SERVER}/${DATABASE}`,
    token: TOKEN,
    catalogFile,
    ingestSeconds: INGEST_SECONDS,
    fake: { url: fake.url, sourceIds: SOURCE_IDS },
  };
  // One after the other, as a rolling deployment does: on a new database
  // the first replica creates the schemas (knex refuses to migrate while
  // another process holds the migration lock).
  for (const name of ['a', 'b']) {
    replicas.push(await startReplica({ ...common, name }));
  }
});

after(async () => {
  await Promise.all(replicas.map(r => r.stop()));
  await fake?.close();
  await db?.end();
  const admin = new pg.Client({ connectionString: `${SERVER}/postgres` });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.end();
});

test('both replicas read the same annotation index from the catalog', async () => {
  for (const replica of replicas) {
    await until(`the annotation index on replica ${replica.name}`, async () => {
      const { status, body } = await call(replica, 'GET', '/attribution');
      return status === 200 && body.claimingEntities === 2 && body.claims === 3
        ? true
        : { status, body };
    });
  }
});

test('events pushed to both replicas at once are stored once', async () => {
  const [a, b] = replicas;
  const first = await Promise.all([
    call(a, 'POST', '/ingest/events', toRequest(BATCH_A)),
    call(b, 'POST', '/ingest/events', toRequest(BATCH_B)),
  ]);
  for (const res of first) {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      [res.body.accepted, res.body.duplicates, res.body.rejected],
      [6, 0, []],
    );
  }
  // Each batch again, through the other replica: duplicates only.
  const again = await Promise.all([
    call(b, 'POST', '/ingest/events', toRequest(BATCH_A)),
    call(a, 'POST', '/ingest/events', toRequest(BATCH_B)),
  ]);
  for (const res of again) {
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(
      [res.body.accepted, res.body.duplicates, res.body.rejected],
      [0, 6, []],
    );
  }

  const [events] = await sql(
    `select count(*)::int as n from ${T('ai_cost_push_events')}`,
  );
  assert.equal(events.n, EVENTS.length);
  const [pushed] = await sql(
    `select coalesce(sum(cost_micros), 0)::bigint as cost from ${T(
      'ai_cost_usage',
    )} where source_id = 'gateway'`,
  );
  assert.equal(Number(pushed.cost), PUSHED, 'gateway usage in ai_cost_usage');
});

test('a refresh through either replica runs the source once', async () => {
  for (const sourceId of SOURCE_IDS) {
    for (const replica of replicas) {
      // A 409 means the scheduler is running the source right now.
      let at;
      await until(`POST /sources/${sourceId}/refresh`, async () => {
        at = new Date();
        const res = await call(
          replica,
          'POST',
          `/sources/${encodeURIComponent(sourceId)}/refresh`,
        );
        if (res.status === 409) return res;
        assert.equal(res.status, 202, JSON.stringify(res.body));
        return true;
      });
      triggers.push({ sourceId, replica: replica.name, at });
      await until(
        `the run of ${sourceId} refreshed through ${replica.name}`,
        async () =>
          (
            await runsOf(sourceId)
          ).some(
            r =>
              r.started_at >= at && r.finished_at && r.status === 'succeeded',
          ),
      );
    }
  }
  // Let the schedule run a couple of intervals on both replicas.
  await sleep(2 * INGEST_SECONDS * 1000);
});

test('both replicas report the same totals, reconciled to the micro-unit', async () => {
  const query = `/rollup?groupBy=owner&from=${dayOf(-7)}&to=${dayOf(0)}`;
  const view = async replica => {
    const { status, body } = await call(replica, 'GET', query);
    assert.equal(status, 200, JSON.stringify(body));
    return {
      total: micros(body.total),
      byOwner: Object.fromEntries(body.items.map(i => [i.key, micros(i.cost)])),
      unallocated: micros(body.unallocated.cost),
    };
  };
  // Attribution follows ingestion and the index in the background.
  await until(
    'attributed spend on both replicas',
    async () => {
      const views = await Promise.all(replicas.map(view));
      return views.every(v => isDeepStrictEqual(v, EXPECTED)) ? true : views;
    },
    30_000,
  );
  const [a, b] = await Promise.all(replicas.map(view));
  assert.deepEqual(a, EXPECTED);
  assert.deepEqual(b, a);
  assert.equal(sum(Object.values(a.byOwner)) + a.unallocated, a.total);

  const [stored] = await sql(
    `select coalesce(sum(cost_micros), 0)::bigint as cost from ${T(
      'ai_cost_usage',
    )}`,
  );
  assert.equal(Number(stored.cost), EXPECTED.total, 'sum of ai_cost_usage');
  for (const sourceId of SOURCE_IDS) {
    const [own] = await sql(
      `select coalesce(sum(cost_micros), 0)::bigint as cost from ${T(
        'ai_cost_usage',
      )} where source_id = $1`,
      [sourceId],
    );
    assert.equal(
      Number(own.cost),
      sum(RECORDS[sourceId].map(r => r.cost)),
      `ai_cost_usage of ${sourceId}`,
    );
  }
  const [split] = await sql(
    `select (select coalesce(sum(cost_micros), 0) from ${T(
      'ai_cost_daily',
    )})::bigint as attributed, (select coalesce(sum(cost_micros), 0) from ${T(
      'ai_cost_unallocated_daily',
    )})::bigint as unallocated`,
  );
  assert.deepEqual(
    {
      attributed: Number(split.attributed),
      unallocated: Number(split.unallocated),
    },
    {
      attributed: sum(Object.values(EXPECTED.byOwner)),
      unallocated: EXPECTED.unallocated,
    },
    'ai_cost_daily and ai_cost_unallocated_daily',
  );
});

test('each source ran once per interval, never on two replicas at once', async () => {
  logsBeforeStop = replicas.map(r => ({ name: r.name, log: r.log() }));
  const stoppedAt = Date.now();
  await Promise.all(replicas.map(r => r.stop()));
  for (const sourceId of SOURCE_IDS) {
    const calls = fake.calls.filter(c => c.sourceId === sourceId);
    const runs = await runsOf(sourceId);
    const ranBy = calls.map(c => c.replica).join('');
    assert.equal(
      fake.maxInFlight(sourceId),
      1,
      `${sourceId} was fetched by two runs at once (${ranBy})`,
    );
    assert.equal(runs.length, calls.length, `runs of ${sourceId} vs fetches`);
    for (let i = 1; i < runs.length; i++) {
      assert.ok(
        runs[i - 1].finished_at &&
          runs[i - 1].finished_at <= runs[i].started_at,
        `runs ${runs[i - 1].id} and ${runs[i].id} of ${sourceId} overlap`,
      );
    }
    // Scheduled starts are at least one interval apart; each refresh adds
    // at most one run; a replica may start a due run up to one work check
    // late.
    const observed = stoppedAt - calls[0].startedAt;
    const interval = INGEST_SECONDS * 1000;
    const atMost =
      Math.floor((observed + WORK_CHECK_SECONDS * 1000) / interval) +
      1 +
      triggers.filter(t => t.sourceId === sourceId).length;
    const atLeast = Math.floor(
      observed / ((INGEST_SECONDS + WORK_CHECK_SECONDS + 3) * 1000),
    );
    console.log(
      `${sourceId}: ${runs.length} runs in ${Math.round(
        observed / 1000,
      )} s by replicas ${ranBy}; ${Math.max(atLeast, 3)}..${atMost} allowed`,
    );
    assert.ok(
      runs.length <= atMost && runs.length >= Math.max(atLeast, 3),
      `${sourceId} ran ${runs.length} times (replicas ${ranBy}) in ${Math.round(
        observed / 1000,
      )} s; expected ${Math.max(atLeast, 3)}..${atMost}`,
    );
  }
});

test('a refresh is recorded as manual whichever replica runs it', async () => {
  for (const { sourceId, replica, at } of triggers) {
    const run = (await runsOf(sourceId)).find(r => r.started_at >= at);
    const by = fake.calls.find(
      c => c.sourceId === sourceId && c.startedAt >= at.getTime(),
    )?.replica;
    assert.equal(
      run?.trigger,
      'manual',
      `the refresh of ${sourceId} through replica ${replica} ran on replica ${by} as run ${run?.id} with trigger "${run?.trigger}"`,
    );
  }
});

test('post-attribution ran on the replicas without errors', async () => {
  const logs =
    logsBeforeStop ?? replicas.map(r => ({ name: r.name, log: r.log() }));
  const lines = logs.flatMap(replica =>
    replica.log
      .split('\n')
      .filter(line => line.startsWith('{'))
      .map(line => ({ replica: replica.name, ...JSON.parse(line) })),
  );
  const errors = lines.filter(l => l.level === 'error');
  assert.deepEqual(
    errors.map(e => `${e.replica}: ${JSON.stringify(e)}`),
    [],
    'error log lines',
  );
  assert.ok(
    lines.some(l => /^After attribution:/.test(String(l.message))),
    'no "After attribution:" log line on either replica',
  );
  const failedTasks = await sql(
    `select id, last_run_error_json from ${T(
      'backstage_backend_tasks__tasks',
    )} where last_run_error_json is not null`,
  );
  assert.deepEqual(failedTasks, [], 'scheduled tasks whose last run failed');
});
