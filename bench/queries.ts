/**
 * (3) Page-view latency through the real HTTP router on a loopback port:
 * `GET /costs` for a team with sub-teams over 90 days (rotating over every
 * second-level group of the 2,000-entity catalog; the answer includes the
 * `byTag` breakdown), first each request after the data changed, then each
 * team again after only the gateway source changed (as a push does), then
 * with the data unchanged, `GET /rollup?groupBy=owner` and
 * `groupBy=tag:environment` over 30 days, and `GET /allocation/coverage`
 * over 30 days. Requests are sequential (one
 * client), each timed from send to the last byte of the body, after a
 * warm-up of 10 requests.
 */
import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { BenchApp } from './lib/app';
import { LAST_DAY, SOURCES, costsTargets, type Universe } from './lib/dataset';
import { Results, log, percentile } from './lib/measure';

export const COSTS_WINDOW = { from: addDays(LAST_DAY, -89), to: LAST_DAY };
export const ROLLUP_WINDOW = { from: addDays(LAST_DAY, -29), to: LAST_DAY };

const WARMUP = 10;

/** The LiteLLM source, a fifth of the spend: stands for a gateway pushing all day. */
const GATEWAY_SOURCE = SOURCES.find(source => source.kind === 'gateway')!.id;

export interface RouterAnswers {
  /**
   * p50 latencies, for the speed-up against naive queries; of `/costs`, the
   * first views (the naive queries cache nothing either).
   */
  costsP50: number;
  rollupP50: number;
  /** Totals the naive queries must reproduce, in micro-units. */
  costsTotal: Map<string, number>;
  rollupTotal: number;
  tagRollupP50: number;
  /** Cost per environment value ('' for spend without one), in micro-units. */
  tagRollupByValue: Map<string, number>;
}

async function get(url: string): Promise<{ ms: number; body: string }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const body = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200)
    throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

const micros = (money: number) => Math.round(money * 1e6);

async function series(
  name: string,
  urls: (i: number) => string,
  n: number,
  options: {
    warmup?: number;
    /** Runs before each request, untimed. */
    before?: () => Promise<unknown>;
  } = {},
) {
  for (let i = 0; i < (options.warmup ?? WARMUP); i++) await get(urls(i));
  const times: number[] = [];
  const bodies = new Map<string, string>();
  for (let i = 0; i < n; i++) {
    const url = urls(i);
    await options.before?.();
    const { ms, body } = await get(url);
    times.push(ms);
    if (!bodies.has(url)) bodies.set(url, body);
  }
  times.sort((a, b) => a - b);
  log(
    `queries: ${name} p50 ${percentile(times, 50).toFixed(
      1,
    )} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${times[
      times.length - 1
    ].toFixed(1)} ms`,
  );
  return { times, bodies };
}

/** A tag rollup's cost per value, with the spend without one under ''. */
function tagValues(body: {
  items: Array<{ key: string | null; cost: number }>;
}): Map<string, number> {
  return new Map(body.items.map(item => [item.key ?? '', micros(item.cost)]));
}

export async function measureQueries(
  app: BenchApp,
  u: Universe,
  usageRows: number,
  requests: number,
  results: Results,
): Promise<RouterAnswers> {
  const server = await app.listen();
  try {
    const targets = costsTargets(u.smallCatalog);
    const { graph } = await app.index.read();
    const descendants = targets.map(t => graph.descendants(t).size);
    const avgDescendants = Math.round(
      descendants.reduce((a, b) => a + b, 0) / targets.length,
    );
    const [{ n: dailyRows }] = await app
      .knex('ai_cost_daily')
      .whereBetween('date', [addDays(COSTS_WINDOW.from, -90), COSTS_WINDOW.to])
      .count({ n: '*' });
    const window = (w: { from: string; to: string }) =>
      `from=${w.from}&to=${w.to}`;
    const costsUrl = (i: number) =>
      `${server.baseUrl}/costs?entityRef=${encodeURIComponent(
        targets[i % targets.length],
      )}&${window(COSTS_WINDOW)}`;
    const rollupUrl = () =>
      `${server.baseUrl}/rollup?groupBy=owner&${window(ROLLUP_WINDOW)}`;

    const data = `${usageRows.toLocaleString()} usage rows, ${u.smallCatalog.toLocaleString()} entities`;
    const note = `${requests} sequential requests, ${data}`;
    const costsNote = `${note}; ${
      targets.length
    } second-level teams in turn, avg ${avgDescendants} descendants; 90 days + previous 90 read ${Number(
      dailyRows,
    ).toLocaleString()} ai_cost_daily rows in range`;

    /** A series' p50 (with what it measured) and p95 (with the run's note). */
    const addPercentiles = (name: string, times: number[], p50Note: string) => {
      for (const [p, detail] of [
        [50, p50Note],
        [95, note],
      ] as const) {
        results.add({
          name: `${name}-p${p}`,
          value: Number(percentile(times, p).toFixed(1)),
          unit: 'ms',
          rows: Number(dailyRows),
          note: detail,
        });
      }
    };

    // What each batch pushed to a gateway source does: it re-attributes
    // today (the data's last day) alone, so only the source's version of
    // that day changes.
    const gatewayChanged = () =>
      app
        .knex('ai_cost_attributed_day_versions')
        .insert({ source_id: GATEWAY_SOURCE, date: LAST_DAY, version: 1 })
        .onConflict(['source_id', 'date'])
        .merge({
          version: app.knex.raw('ai_cost_attributed_day_versions.version + 1'),
        });
    // The gateway pushes: its last day has a version of its own, so page
    // views keep that day apart from the rest of its month.
    await gatewayChanged();

    // What a re-attribution does to the version of attributed spend, so no
    // request finds an answer cached before it.
    const dataChanged = async () => {
      await app.knex('ai_cost_attributed_versions').increment('version', 1);
      await app.knex('ai_cost_attributed_day_versions').increment('version', 1);
    };
    log(
      `queries: GET /costs x${requests} over ${targets.length} teams (avg ${avgDescendants} descendants), each the first view after the data changed`,
    );
    const firstViews = await series('/costs first view', costsUrl, requests, {
      before: dataChanged,
    });
    addPercentiles(
      'costs-first-view',
      firstViews.times,
      `${costsNote}; the version of attributed spend raised before each request, as every re-attribution does, so nothing is answered from the cache`,
    );

    log(
      `queries: GET /costs x${requests}, every team viewed once before and only the gateway source changed before each request`,
    );
    const afterPush = await series('/costs after a push', costsUrl, requests, {
      warmup: Math.max(WARMUP, targets.length),
      before: gatewayChanged,
    });
    addPercentiles(
      'costs-after-push',
      afterPush.times,
      `${costsNote}; each team viewed once before (warm-up), the version of the LiteLLM gateway source's (a fifth of the spend) last day raised before each request, as each batch pushed to a gateway does: that part of the answers is read again, the rest comes from the cache`,
    );

    log(
      `queries: GET /costs x${requests}, every team viewed once before and the data unchanged`,
    );
    const costs = await series('/costs', costsUrl, requests, {
      warmup: Math.max(WARMUP, targets.length),
    });
    addPercentiles(
      'costs',
      costs.times,
      `${costsNote}; each team viewed once before (warm-up), no re-attribution since: the queries' answers come from the cache, the response is computed and serialized anew`,
    );

    log(`queries: GET /rollup?groupBy=owner x${requests}`);
    const rollup = await series('/rollup', rollupUrl, requests);
    addPercentiles('rollup', rollup.times, `${note}; 30 days + previous 30`);

    const tagRollupUrl = () =>
      `${server.baseUrl}/rollup?groupBy=tag:environment&${window(
        ROLLUP_WINDOW,
      )}`;
    log(`queries: GET /rollup?groupBy=tag:environment x${requests}`);
    const tagRollup = await series('/rollup tag', tagRollupUrl, requests);
    addPercentiles(
      'tag-rollup',
      tagRollup.times,
      `${note}; 30 days + previous 30`,
    );

    const coverageUrl = () =>
      `${server.baseUrl}/allocation/coverage?${window(ROLLUP_WINDOW)}`;
    // Fewer first views: on SQLite at full scale each takes about a second.
    const coverageFirstViewRequests = Math.max(5, Math.round(requests / 10));
    log(
      `queries: GET /allocation/coverage x${coverageFirstViewRequests}, each the first view after the data changed`,
    );
    const coverageFirstViews = await series(
      '/allocation/coverage first view',
      coverageUrl,
      coverageFirstViewRequests,
      { warmup: 1, before: dataChanged },
    );
    log(`queries: GET /allocation/coverage x${requests}`);
    const coverage = await series(
      '/allocation/coverage',
      coverageUrl,
      requests,
    );
    if (
      coverage.bodies.get(coverageUrl()) !==
      coverageFirstViews.bodies.get(coverageUrl())
    ) {
      throw new Error(
        'cached /allocation/coverage answer differs from the first view',
      );
    }
    for (const [name, times, detail] of [
      [
        'coverage-first-view-p95',
        coverageFirstViews.times,
        `${coverageFirstViewRequests} sequential requests, the version of attributed spend raised before each, as every re-attribution does`,
      ],
      [
        'coverage-p95',
        coverage.times,
        `${requests} sequential requests, no re-attribution since: attributed spend comes from the cache`,
      ],
    ] as const) {
      results.add({
        name,
        value: Number(percentile(times, 95).toFixed(1)),
        unit: 'ms',
        rows: Number(dailyRows),
        note: `${detail}; ${data}; 30 days; p50 ${percentile(times, 50).toFixed(
          1,
        )} ms`,
      });
    }

    const costsTotal = new Map<string, number>();
    for (const [url, body] of costs.bodies) {
      for (const cached of [body, afterPush.bodies.get(url)]) {
        if (cached !== firstViews.bodies.get(url))
          throw new Error(
            `cached /costs answer differs from the first view: ${url}`,
          );
      }
      const parsed = JSON.parse(body);
      costsTotal.set(parsed.entityRef, micros(parsed.total.cost));
      if (!url.includes(encodeURIComponent(parsed.entityRef)))
        throw new Error('unexpected /costs answer');
    }
    const rollupBody = JSON.parse([...rollup.bodies.values()][0]);
    return {
      costsP50: percentile(firstViews.times, 50),
      rollupP50: percentile(rollup.times, 50),
      costsTotal,
      rollupTotal: micros(rollupBody.total),
      tagRollupP50: percentile(tagRollup.times, 50),
      tagRollupByValue: tagValues(
        JSON.parse([...tagRollup.bodies.values()][0]),
      ),
    };
  } finally {
    await server.close();
  }
}
