/**
 * (4) The same two questions answered the naive way, straight from raw
 * `ai_cost_usage` joined with the claims (`ai_cost_attribution_keys`) on
 * every page view: the most specific claim wins through a COALESCE over one
 * join per dimension (api key > project > account > gateway tag). It is
 * exact for the synthetic catalog (no equally specific conflicts), and the
 * bench checks that it reproduces the router's totals to the micro-unit.
 *
 * The naive queries run through knex without HTTP, so the speed-up
 * (naive p50 / router p50) understates the gap slightly.
 */
import type { Knex } from 'knex';
import { addDays, daysInclusive } from '@ai-cost/plugin-ai-cost-common';
import type { BenchApp } from './lib/app';
import { costsTargets, type Universe } from './lib/dataset';
import { Results, log, percentile, timed } from './lib/measure';
import { COSTS_WINDOW, ROLLUP_WINDOW, type RouterAnswers } from './queries';

const MIN_REPS = 3;
const MAX_REPS = 10;
const BUDGET_MS = 60_000;

/** Usage of a window with the entity that claims it (null when unclaimed). */
const ATTRIBUTED_USAGE = `
  select u.date, u.provider, u.model, u.cost_micros, u.input_tokens,
         u.output_tokens, u.requests,
         coalesce(kk.entity_ref, kp.entity_ref, ka.entity_ref, kt.entity_ref) as entity_ref
  from ai_cost_usage u
  left join ai_cost_attribution_keys kk
    on kk.provider = u.provider and kk.dimension = 'apiKeyId' and kk.value = u.api_key_id
  left join ai_cost_attribution_keys kp
    on kp.provider = u.provider and kp.dimension = 'projectId' and kp.value = u.project_id
  left join ai_cost_attribution_keys ka
    on ka.provider = u.provider and ka.dimension = 'accountId' and ka.value = u.account_id
  left join ai_cost_attribution_keys kt
    on kt.provider = u.provider and kt.dimension = 'tag'
   and u.tags like ('%"' || replace(kt.value, '=', '":"') || '"%')
  where u.date between ? and ?`;

function previous(w: { from: string; to: string }) {
  const days = daysInclusive(w.from, w.to);
  return { from: addDays(w.from, -days), to: addDays(w.from, -1) };
}

function rowsOf(result: any): any[] {
  return Array.isArray(result) ? result : result.rows;
}

/** `/costs`: per entity, day, provider and model, plus the previous period's total. */
async function naiveCosts(knex: Knex, refs: string[]): Promise<number> {
  const inList = refs.map(() => '?').join(',');
  const w = COSTS_WINDOW;
  const p = previous(w);
  const [current] = await Promise.all([
    knex.raw(
      `select a.entity_ref, a.date, a.provider, a.model, sum(a.cost_micros) as cost,
              sum(a.input_tokens) as input_tokens, sum(a.output_tokens) as output_tokens,
              sum(a.requests) as requests
       from (${ATTRIBUTED_USAGE}) a
       where a.entity_ref in (${inList})
       group by a.entity_ref, a.date, a.provider, a.model`,
      [w.from, w.to, ...refs],
    ),
    knex.raw(
      `select sum(a.cost_micros) as cost from (${ATTRIBUTED_USAGE}) a
       where a.entity_ref in (${inList})`,
      [p.from, p.to, ...refs],
    ),
  ]);
  return rowsOf(current).reduce((sum, row) => sum + Number(row.cost), 0);
}

/** `/rollup?groupBy=owner`: per owner (null = unallocated), this and the previous period. */
async function naiveRollup(knex: Knex): Promise<number> {
  const query = (w: { from: string; to: string }) =>
    knex.raw(
      `select e.owner_ref, sum(a.cost_micros) as cost
       from (${ATTRIBUTED_USAGE}) a
       left join ai_cost_entities e on e.entity_ref = a.entity_ref
       group by e.owner_ref`,
      [w.from, w.to],
    );
  const [current] = await Promise.all([
    query(ROLLUP_WINDOW),
    query(previous(ROLLUP_WINDOW)),
  ]);
  return rowsOf(current).reduce((sum, row) => sum + Number(row.cost), 0);
}

/**
 * `/rollup?groupBy=tag:environment`: per environment value, this and the
 * previous period. The value is the dataset's: Bedrock's eu-west-1 usage
 * is `staging` by the virtual tag, otherwise the usage's own tag. Answers
 * the current period's cost per value ('' for none).
 */
async function naiveTagRollup(knex: Knex): Promise<Map<string, number>> {
  const tag =
    knex.client.dialect === 'postgresql'
      ? "(u.tags::json ->> 'environment')"
      : "json_extract(u.tags, '$.environment')";
  const query = (w: { from: string; to: string }) =>
    knex.raw(
      `select case when u.provider = 'aws' and u.region = 'eu-west-1' then 'staging'
                   else coalesce(${tag}, '') end as value,
              sum(u.cost_micros) as cost
       from ai_cost_usage u
       where u.date between ? and ?
       group by 1`,
      [w.from, w.to],
    );
  const [current] = await Promise.all([
    query(ROLLUP_WINDOW),
    query(previous(ROLLUP_WINDOW)),
  ]);
  return new Map(
    rowsOf(current).map(row => [String(row.value), Number(row.cost)]),
  );
}

/** The values of two maps differ (as a message), or undefined. */
function differs(a: Map<string, number>, b: Map<string, number>) {
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    if ((a.get(key) ?? 0) !== (b.get(key) ?? 0))
      return `"${key}": ${a.get(key) ?? 0} != ${b.get(key) ?? 0}`;
  }
  return undefined;
}

async function repeat<T>(name: string, fn: (i: number) => Promise<T>) {
  const times: number[] = [];
  const started = performance.now();
  let answer: T | undefined;
  while (
    times.length < MIN_REPS ||
    (times.length < MAX_REPS && performance.now() - started < BUDGET_MS)
  ) {
    const { ms, result } = await timed(() => fn(times.length));
    if (times.length === 0) answer = result;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  log(
    `naive: ${name} p50 ${percentile(times, 50).toFixed(0)} ms over ${
      times.length
    } runs`,
  );
  return { p50: percentile(times, 50), reps: times.length, answer: answer! };
}

export async function measureNaive(
  app: BenchApp,
  u: Universe,
  usageRows: number,
  router: RouterAnswers,
  results: Results,
) {
  const { graph } = await app.index.read();
  const targets = costsTargets(u.smallCatalog);
  const refsOf = (t: string) => [t, ...graph.descendants(t)];

  const costs = await repeat('/costs', i =>
    naiveCosts(app.knex, refsOf(targets[i % targets.length])),
  );
  const expected = router.costsTotal.get(targets[0]);
  if (costs.answer !== expected) {
    throw new Error(
      `naive /costs total ${costs.answer} != router ${expected} for ${targets[0]}`,
    );
  }
  results.add({
    name: 'costs-naive-p50',
    value: Math.round(costs.p50),
    unit: 'ms',
    rows: usageRows,
    note: `GROUP BY over raw usage joined with the claims, ${costs.reps} runs; same total as the router to the micro-unit`,
  });
  results.add({
    name: 'costs-speedup-vs-naive',
    value: Number((costs.p50 / router.costsP50).toFixed(1)),
    unit: '×',
    rows: usageRows,
    note: `naive p50 ${Math.round(
      costs.p50,
    )} ms / router p50 ${router.costsP50.toFixed(
      1,
    )} ms (first views: nothing from the cache)`,
  });

  const rollup = await repeat('/rollup', () => naiveRollup(app.knex));
  if (rollup.answer !== router.rollupTotal) {
    throw new Error(
      `naive /rollup total ${rollup.answer} != router ${router.rollupTotal}`,
    );
  }
  results.add({
    name: 'rollup-naive-p50',
    value: Math.round(rollup.p50),
    unit: 'ms',
    rows: usageRows,
    note: `GROUP BY owner over raw usage joined with claims and entities, ${rollup.reps} runs; same total as the router to the micro-unit`,
  });
  results.add({
    name: 'rollup-speedup-vs-naive',
    value: Number((rollup.p50 / router.rollupP50).toFixed(1)),
    unit: '×',
    rows: usageRows,
    note: `naive p50 ${Math.round(
      rollup.p50,
    )} ms / router p50 ${router.rollupP50.toFixed(1)} ms`,
  });

  const tagRollup = await repeat('/rollup tag', () => naiveTagRollup(app.knex));
  const mismatch = differs(tagRollup.answer, router.tagRollupByValue);
  if (mismatch) throw new Error(`naive tag rollup != router: ${mismatch}`);
  results.add({
    name: 'tag-rollup-naive-p50',
    value: Math.round(tagRollup.p50),
    unit: 'ms',
    rows: usageRows,
    note: `GROUP BY the environment of raw usage (its tag, or the virtual tag's rule), ${tagRollup.reps} runs; every value's cost as the router's to the micro-unit`,
  });
  results.add({
    name: 'tag-rollup-speedup-vs-naive',
    value: Number((tagRollup.p50 / router.tagRollupP50).toFixed(1)),
    unit: '×',
    rows: usageRows,
    note: `naive p50 ${Math.round(
      tagRollup.p50,
    )} ms / router p50 ${router.tagRollupP50.toFixed(1)} ms`,
  });
}
