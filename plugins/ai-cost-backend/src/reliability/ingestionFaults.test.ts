import type {
  AiCostProvider,
  ProviderFetchContext,
  UsageRecord,
  UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import fc from 'fast-check';
import createKnex from 'knex';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupServer } from 'msw/node';
import {
  FakeBillingApi,
  HttpBillingProvider,
  isRetriable,
  type FakeCostLine,
  type HttpFault,
} from '../__testUtils__/fakeBillingApi';
import {
  throwConnectionLost,
  terminateConnection,
} from '../__testUtils__/faultyKnex';
import {
  createIngestionHarness,
  linesOf,
  twoVersions,
  WINDOW,
  WINDOW_DAYS,
} from '../__testUtils__/ingestionHarness';
import { fuzzRuns } from '../__testUtils__/fuzz';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const BASE_URL = 'https://billing.fake.test/v1';
const SOURCE = 'fake-http';
const KEY = 'sk-admin-CANARY-ingestion-0123456789abcdef';
const MAX_RETRIES = 3;
/** ProviderHttpClient's default cap on a Retry-After it waits for. */
const MAX_RETRY_AFTER_S = 300;

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
afterAll(() => server.close());

/** Faults injected and what became of the runs they hit, for docs/reliability.md. */
const figures = {
  scenarios: [] as Array<{
    database: string;
    fault: string;
    faultsInjected: number;
    outcome: 'survived' | 'failed cleanly';
  }>,
  property: {} as Record<
    string,
    { runs: number; faults: number; survived: number; failedCleanly: number }
  >,
};
afterAll(() => writeReliabilityFigures('ingestion-faults', figures));

/** A provider serving pages of a version in-process, failing where told. */
class PagedProvider implements AiCostProvider {
  readonly provider = 'openai';
  data: Record<string, FakeCostLine[]> = {};
  /** Throws this after the given number of pages. */
  failAfterPages?: { pages: number; error: Error };
  /** Records to return instead (invalid ones, for the store to refuse). */
  override?: UsageRecord[];
  /** Resolves the next fetch only when released. */
  gate?: Promise<void>;
  /** Called as a fetch starts (after the engine recorded the run). */
  onFetch?: () => void | Promise<void>;

  constructor(readonly id: string) {}

  async fetchUsage(
    window: UsageWindow,
    _context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const { onFetch, gate } = this;
    this.onFetch = undefined;
    await onFetch?.();
    if (gate) await gate;
    if (this.override) return this.override;
    const days = Object.keys(this.data)
      .filter(d => d >= window.from && d <= window.to)
      .sort();
    const records: UsageRecord[] = [];
    for (let page = 0; page * 3 < days.length; page++) {
      if (this.failAfterPages && page === this.failAfterPages.pages) {
        throw this.failAfterPages.error;
      }
      await new Promise(resolve => setImmediate(resolve));
      for (const day of days.slice(page * 3, page * 3 + 3)) {
        for (const line of this.data[day]) {
          records.push({
            date: day,
            projectId: line.projectId,
            lineItem: line.lineItem,
            model: line.lineItem,
            cost: line.cost,
            currency: 'USD',
            costKind: 'billed',
          });
        }
      }
    }
    return records;
  }
}

/**
 * What ProviderHttpClient does with a script of faults over `pages` pages:
 * whether the run gets every page, how many requests it makes, and the
 * Retry-After waits it honours.
 */
function expectedClientBehaviour(
  script: Array<HttpFault | undefined>,
  pages: number,
): { ok: boolean; requests: number; retryAfterWaits: number[] } {
  let n = 0;
  const retryAfterWaits: number[] = [];
  for (let page = 0; page < pages; page++) {
    for (let attempt = 0; ; attempt++) {
      const fault = script[n++];
      if (!fault) break;
      if (!isRetriable(fault) || attempt >= MAX_RETRIES) {
        return { ok: false, requests: n, retryAfterWaits };
      }
      if (fault.kind === 'rate-limit') {
        if (fault.retryAfterSeconds > MAX_RETRY_AFTER_S) {
          return { ok: false, requests: n, retryAfterWaits };
        }
        retryAfterWaits.push(fault.retryAfterSeconds * 1000);
      }
    }
  }
  return { ok: true, requests: n, retryAfterWaits };
}

describe('fault injection into ingestion (real IngestionEngine and store)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const versions = twoVersions();
    const BEFORE = linesOf(versions.before);
    const AFTER = linesOf(versions.after);

    async function setup() {
      const api = new FakeBillingApi(BASE_URL);
      server.resetHandlers(...api.handlers());
      const http = new HttpBillingProvider(SOURCE, {
        baseUrl: BASE_URL,
        credentials: { kind: 'bearer', key: KEY },
        maxRetries: MAX_RETRIES,
      });
      const paged = new PagedProvider('fake-paged');
      const harness = await createIngestionHarness({
        knex: await databases.init(databaseId),
        providers: [http, paged],
      });

      /** Stores `before` with a clean run of both sources. */
      async function storeBefore() {
        api.script = [];
        api.serve(versions.before);
        paged.data = versions.before;
        expect(await harness.engine.runSource(SOURCE, 'schedule')).toEqual(
          expect.objectContaining({ sourceId: SOURCE }),
        );
        await harness.engine.runSource('fake-paged', 'schedule');
        expect(await harness.storedLines(SOURCE)).toEqual(BEFORE);
        expect(await harness.storedLines('fake-paged')).toEqual(BEFORE);
      }

      /**
       * The checks after every fault: the window is exactly one version, no
       * natural key is stored twice, attribution balances, the run log and
       * GET /sources tell what happened, and the next clean run stores the
       * new version.
       */
      async function expectAftermath(
        sourceId: string,
        outcome: { failed: false } | { failed: true; error: RegExp },
        fault: string,
        faultsInjected: number,
      ) {
        expect(await harness.storedLines(sourceId)).toEqual(
          outcome.failed ? BEFORE : AFTER,
        );
        expect(await harness.duplicateKeys()).toEqual([]);
        const balance = await harness.attributionBalances();
        expect(balance.attributed + balance.unallocated).toBe(balance.ingested);

        const [run] = await harness.store.listRuns(sourceId, 1);
        const source = (await harness.sources()).find(s => s.id === sourceId)!;
        if (outcome.failed) {
          expect(run).toEqual(
            expect.objectContaining({ status: 'failed', window: WINDOW }),
          );
          expect(run.error).toMatch(outcome.error);
          expect(source).toEqual(
            expect.objectContaining({ status: 'failed', lastError: run.error }),
          );
          expect(harness.logger.text()).toContain(
            `Ingestion of ${sourceId} failed`,
          );
        } else {
          expect(run.status).toBe('succeeded');
          expect(source).toEqual(
            expect.objectContaining({ status: 'succeeded', lastError: null }),
          );
        }
        expect(harness.logger.text()).not.toContain(KEY);
        figures.scenarios.push({
          database: String(databaseId),
          fault,
          faultsInjected,
          outcome: outcome.failed ? 'failed cleanly' : 'survived',
        });

        // The next run, with the provider healthy again, completes.
        api.script = [];
        paged.failAfterPages = undefined;
        paged.override = undefined;
        await harness.engine.runSource(sourceId, 'schedule');
        expect(await harness.storedLines(sourceId)).toEqual(AFTER);
        expect(await harness.duplicateKeys()).toEqual([]);
        expect((await harness.store.listRuns(sourceId, 1))[0].status).toBe(
          'succeeded',
        );
        expect((await harness.sources()).find(s => s.id === sourceId)).toEqual(
          expect.objectContaining({ status: 'succeeded', lastError: null }),
        );
      }

      /** Serves `after` with a fault script and runs the HTTP source once. */
      async function runWithScript(script: Array<HttpFault | undefined>) {
        api.requests.length = 0;
        http.sleeps.length = 0;
        api.script = script;
        api.serve(versions.after);
        return harness.engine.runSource(SOURCE, 'schedule');
      }

      return {
        api,
        http,
        paged,
        harness,
        storeBefore,
        expectAftermath,
        runWithScript,
      };
    }

    const pages = Math.ceil(WINDOW_DAYS / 3);
    const rateLimit = (s: number): HttpFault => ({
      kind: 'rate-limit',
      retryAfterSeconds: s,
    });
    const serverError = (status: 500 | 502 | 503 | 504): HttpFault => ({
      kind: 'server-error',
      status,
    });

    /** HTTP-level faults through ProviderHttpClient: [name, script, expected error or survival]. */
    const httpScenarios: Array<
      [string, Array<HttpFault | undefined>, RegExp | null]
    > = [
      [
        '429 storm with Retry-After, within the retry budget',
        [rateLimit(7), rateLimit(7), rateLimit(7)],
        null,
      ],
      [
        '429 storm with Retry-After, beyond the retry budget (page 2)',
        [undefined, rateLimit(2), rateLimit(2), rateLimit(2), rateLimit(2)],
        /^ProviderApiError: FakeAI \/costs answered 429 after 4 attempts: Rate limit reached/,
      ],
      [
        '429 with a Retry-After longer than the client waits',
        [rateLimit(3600)],
        /Retry-After of 3600s, longer than the 300s this client waits/,
      ],
      [
        '5xx on random pages, within the retry budget',
        [
          serverError(503),
          undefined,
          serverError(500),
          serverError(502),
          undefined,
          undefined,
          serverError(504),
        ],
        null,
      ],
      [
        '5xx on the last page, beyond the retry budget',
        [
          undefined,
          undefined,
          undefined,
          serverError(503),
          serverError(503),
          serverError(500),
          serverError(503),
        ],
        /FakeAI \/costs answered 503 after 4 attempts: The server is overloaded/,
      ],
      [
        'connection reset, then fine',
        [{ kind: 'network' }, undefined, { kind: 'network' }],
        null,
      ],
      [
        'request timeouts, within the retry budget',
        [undefined, { kind: 'timeout' }],
        null,
      ],
      [
        'request timeouts, beyond the retry budget',
        [
          { kind: 'timeout' },
          { kind: 'timeout' },
          { kind: 'timeout' },
          { kind: 'timeout' },
        ],
        /FakeAI \/costs: request failed after 4 attempts/,
      ],
      [
        'truncated JSON on page 3',
        [undefined, undefined, { kind: 'truncated-json' }],
        /FakeAI \/costs: response is not valid JSON \(\d+ bytes, starts with/,
      ],
      [
        'wrong types on page 2 (amount as a string)',
        [undefined, { kind: 'wrong-types' }],
        /FakeAI \/costs: unexpected response: data\.0\.results\.0\.amount\.value: Expected number, received string/,
      ],
      [
        '401 whose body echoes the admin key',
        [{ kind: 'echo-credentials' }],
        /FakeAI \/costs answered 401: Incorrect API key provided: Bearer \[redacted\]/,
      ],
    ];

    it.each(httpScenarios)('HTTP: %s', async (name, script, error) => {
      const { api, http, storeBefore, expectAftermath, runWithScript } =
        await setup();
      await storeBefore();
      const result = await runWithScript(script);
      const model = expectedClientBehaviour(script, pages);
      expect(model.ok).toBe(error === null);
      expect(result === undefined).toBe(error !== null);
      expect(api.requests.length).toBe(model.requests);
      // Retry-After is honoured: every 429 wait is exactly what it asked for.
      expect(
        http.sleeps.filter(ms => model.retryAfterWaits.includes(ms)),
      ).toEqual(model.retryAfterWaits);
      const injected = api.requests.filter(r => r.fault).length;
      await expectAftermath(
        SOURCE,
        error ? { failed: true, error } : { failed: false },
        name,
        injected,
      );
    });

    it('HTTP: aborted mid-pagination (task timeout or shutdown)', async () => {
      const { api, storeBefore, expectAftermath, harness } = await setup();
      await storeBefore();
      const controller = new AbortController();
      api.onRequest = n => {
        if (n === 2) controller.abort();
      };
      api.script = [];
      api.serve(twoVersions().after);
      api.requests.length = 0;
      const result = await harness.engine.runSource(
        SOURCE,
        'schedule',
        controller.signal,
      );
      api.onRequest = undefined;
      expect(result).toBeUndefined();
      expect(api.requests.length).toBe(3);
      await expectAftermath(
        SOURCE,
        { failed: true, error: /FakeAI \/costs: aborted/ },
        'aborted mid-pagination',
        1,
      );
    });

    it('in-process: the provider throws mid-pagination', async () => {
      const { paged, storeBefore, expectAftermath, harness } = await setup();
      await storeBefore();
      paged.data = versions.after;
      paged.failAfterPages = { pages: 2, error: new Error('socket hang up') };
      expect(
        await harness.engine.runSource('fake-paged', 'schedule'),
      ).toBeUndefined();
      await expectAftermath(
        'fake-paged',
        { failed: true, error: /^Error: socket hang up$/ },
        'provider throws mid-pagination',
        1,
      );
    });

    const good: UsageRecord = {
      date: '2026-11-02',
      projectId: 'proj_a',
      lineItem: 'gpt-4o',
      model: 'gpt-4o',
      cost: 1,
      currency: 'USD',
      costKind: 'billed',
    };
    const invalidRecords: Array<[string, UsageRecord[], RegExp]> = [
      [
        'a fractional cost',
        [good, { ...good, date: '2026-11-03', cost: 1.5 }],
        /^Storing the 2026-11-01\.\.2026-11-10 window failed: InputError: Usage record 1 is invalid: cost 1\.5 is not integer micro-units$/,
      ],
      [
        'a cost that is not a number',
        [{ ...good, cost: '12' as unknown as number }],
        /Usage record 0 is invalid: cost 12 is not integer micro-units/,
      ],
      [
        'negative tokens',
        [{ ...good, inputTokens: -5 }],
        /inputTokens -5 is not a non-negative integer/,
      ],
      [
        'a date outside the window',
        [{ ...good, date: '2026-10-01' }],
        /Usage record 0 is dated 2026-10-01, outside the run window 2026-11-01\.\.2026-11-10/,
      ],
      [
        'a malformed date',
        [{ ...good, date: '2026-11-2' }],
        /date "2026-11-2" is not YYYY-MM-DD/,
      ],
      [
        'a lower-case currency',
        [{ ...good, currency: 'usd' }],
        /currency "usd" is not an ISO 4217 code/,
      ],
      [
        'the same natural key twice',
        [good, { ...good, cost: 2 }],
        /returned two usage records with the same natural key for 2026-11-02/,
      ],
    ];

    it.each(invalidRecords)(
      'in-process: the provider returns %s',
      async (name, records, error) => {
        const { paged, storeBefore, expectAftermath, harness } = await setup();
        await storeBefore();
        paged.data = versions.after;
        paged.override = records;
        expect(
          await harness.engine.runSource('fake-paged', 'schedule'),
        ).toBeUndefined();
        await expectAftermath(
          'fake-paged',
          { failed: true, error },
          `provider returns ${name}`,
          1,
        );
      },
    );

    it('database: the transaction fails mid-way (after the usage writes)', async () => {
      const { paged, storeBefore, expectAftermath, harness } = await setup();
      await storeBefore();
      paged.data = versions.after;
      // Armed after startRun: the next statement on ai_cost_runs inside a
      // transaction is completeRun's, after its inserts and deletes.
      paged.onFetch = () =>
        harness.faulty.arm('ai_cost_runs', throwConnectionLost);
      expect(
        await harness.engine.runSource('fake-paged', 'schedule'),
      ).toBeUndefined();
      expect(harness.faulty.fired()).toBe(1);
      await expectAftermath(
        'fake-paged',
        {
          failed: true,
          error:
            /^Storing the 2026-11-01\.\.2026-11-10 window failed: Error: Connection terminated unexpectedly$/,
        },
        'transaction fails after the usage writes',
        1,
      );
    });

    if (String(databaseId).startsWith('POSTGRES')) {
      it('database: the connection is terminated under the transaction (PostgreSQL)', async () => {
        const { paged, storeBefore, expectAftermath, harness } = await setup();
        await storeBefore();
        paged.data = versions.after;
        paged.onFetch = () =>
          harness.faulty.arm('ai_cost_runs', terminateConnection);
        // knex reports the broken connection on the console itself.
        const console_ = jest
          .spyOn(console, 'log')
          .mockImplementation(() => {});
        try {
          expect(
            await harness.engine.runSource('fake-paged', 'schedule'),
          ).toBeUndefined();
        } finally {
          console_.mockRestore();
        }
        expect(harness.faulty.fired()).toBe(1);
        await expectAftermath(
          'fake-paged',
          {
            failed: true,
            error:
              /^Storing the 2026-11-01\.\.2026-11-10 window failed: Error: (ROLLBACK - )?.*(terminat|ECONNRESET|connection error)/i,
          },
          'connection terminated mid-transaction',
          1,
        );
      });
    }

    it('database: unavailable for the rest of the run (pool closed), back for the next', async () => {
      // SQLite in memory would vanish with its connection: use a file.
      const isSqlite = String(databaseId).startsWith('SQLITE');
      const dir = isSqlite
        ? fs.mkdtempSync(path.join(os.tmpdir(), 'ai-cost-reliability-'))
        : undefined;
      const knex = dir
        ? createKnex({
            client: 'better-sqlite3',
            connection: { filename: path.join(dir, 'db.sqlite') },
            useNullAsDefault: true,
          })
        : await databases.init(databaseId);
      try {
        const paged = new PagedProvider('fake-paged');
        const harness = await createIngestionHarness({
          knex,
          providers: [paged],
        });
        paged.data = versions.before;
        await harness.engine.runSource('fake-paged', 'schedule');
        expect(await harness.storedLines('fake-paged')).toEqual(BEFORE);

        paged.data = versions.after;
        paged.onFetch = () => knex.destroy();
        // Neither the window nor the failure can be written: the engine logs
        // the failure and the task fails for the scheduler to log too.
        await expect(
          harness.engine.runSource('fake-paged', 'schedule'),
        ).rejects.toThrow('Unable to acquire a connection');
        expect(harness.logger.text()).toContain(
          'Ingestion of fake-paged failed: Storing the 2026-11-01..2026-11-10 window failed: Error: Unable to acquire a connection',
        );

        // The database is back.
        knex.initialize();
        expect(await harness.storedLines('fake-paged')).toEqual(BEFORE);
        const [lost] = await harness.store.listRuns('fake-paged', 1);
        expect(lost.status).toBe('running');

        await harness.engine.runSource('fake-paged', 'schedule');
        expect(await harness.storedLines('fake-paged')).toEqual(AFTER);
        expect(await harness.duplicateKeys()).toEqual([]);
        const runs = await harness.store.listRuns('fake-paged', 2);
        expect(runs.map(r => r.status)).toEqual(['succeeded', 'failed']);
        expect(runs[1].id).toBe(lost.id);
        expect(runs[1].error).toMatch(/^Interrupted: the run never finished/);
        figures.scenarios.push({
          database: String(databaseId),
          fault: 'database unavailable during the run (pool closed)',
          faultsInjected: 1,
          outcome: 'failed cleanly',
        });
      } finally {
        if (dir) {
          await knex.destroy();
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    });

    it('restart: a run left running by a stopped backend is closed by the next run', async () => {
      const { paged, storeBefore, harness } = await setup();
      await storeBefore();
      // The backend stops between startRun and completeRun: the run stays
      // running in the database and nothing of it is stored.
      const stale = await harness.store.startRun({
        sourceId: 'fake-paged',
        trigger: 'schedule',
        window: WINDOW,
      });
      expect(
        (await harness.sources()).find(s => s.id === 'fake-paged')!.status,
      ).toBe('running');
      expect(await harness.storedLines('fake-paged')).toEqual(BEFORE);

      // A new process (a new engine on the same database) runs the source.
      const restarted = harness.createEngine();
      await restarted.start();
      paged.data = versions.after;
      await restarted.runSource('fake-paged', 'schedule');
      expect(await harness.storedLines('fake-paged')).toEqual(AFTER);
      expect(await harness.duplicateKeys()).toEqual([]);

      const runs = await harness.store.listRuns('fake-paged', 3);
      expect(runs.map(r => [r.id, r.status])).toEqual([
        [stale.id + 1, 'succeeded'],
        [stale.id, 'failed'],
        [stale.id - 1, 'succeeded'],
      ]);
      expect(runs[1].finishedAt).not.toBeNull();
      expect(runs[1].error).toBe(
        `Interrupted: the run never finished (the backend stopped or lost its database during the run); run ${
          stale.id + 1
        } replaced it`,
      );
      expect(
        (await harness.sources()).find(s => s.id === 'fake-paged'),
      ).toEqual(
        expect.objectContaining({ status: 'succeeded', lastError: null }),
      );
      figures.scenarios.push({
        database: String(databaseId),
        fault: 'backend restarted in the middle of a run',
        faultsInjected: 1,
        outcome: 'failed cleanly',
      });
    });

    it('overlap: a run that outlives its timeout cannot overwrite the newer run that replaced it', async () => {
      const { paged, storeBefore, harness } = await setup();
      await storeBefore();
      // Run A hangs in the provider past its timeout; the scheduler lets
      // another replica start run B, which reads newer data and succeeds.
      let release!: () => void;
      paged.gate = new Promise<void>(resolve => {
        release = resolve;
      });
      let entered!: () => void;
      const inFetch = new Promise<void>(resolve => {
        entered = resolve;
      });
      paged.onFetch = () => entered();
      paged.data = versions.before;
      const runA = harness.engine.runSource('fake-paged', 'schedule');
      await inFetch; // A has started its run and waits in the provider.
      paged.gate = undefined;
      const newer = new PagedProvider('fake-paged');
      newer.data = versions.after;
      const replica = harness.createEngine([newer]);
      await replica.runSource('fake-paged', 'schedule');
      expect(await harness.storedLines('fake-paged')).toEqual(AFTER);

      // A finally gets its data and tries to store it.
      release();
      expect(await runA).toBeUndefined();
      expect(await harness.storedLines('fake-paged')).toEqual(AFTER);
      expect(await harness.duplicateKeys()).toEqual([]);
      const runs = await harness.store.listRuns('fake-paged', 2);
      expect(runs.map(r => r.status)).toEqual(['succeeded', 'failed']);
      expect(runs[1].error).toMatch(/is no longer running/);
      // The source still shows the newer run's success.
      expect(
        (await harness.sources()).find(s => s.id === 'fake-paged'),
      ).toEqual(
        expect.objectContaining({ status: 'succeeded', lastError: null }),
      );
      figures.scenarios.push({
        database: String(databaseId),
        fault: 'two overlapping runs (one outlived its timeout)',
        faultsInjected: 1,
        outcome: 'failed cleanly',
      });
    });

    it('property: any schedule of HTTP faults leaves exactly the old or the new window', async () => {
      const { api, http, harness } = await setup();
      const fault = fc.oneof(
        { weight: 12, arbitrary: fc.constant(undefined) },
        {
          weight: 4,
          arbitrary: fc
            .integer({ min: 0, max: 120 })
            .map((s): HttpFault => rateLimit(s)),
        },
        { weight: 1, arbitrary: fc.constant(rateLimit(900)) },
        {
          weight: 4,
          arbitrary: fc
            .constantFrom(500, 502, 503, 504)
            .map((s): HttpFault => serverError(s as 500)),
        },
        { weight: 2, arbitrary: fc.constant<HttpFault>({ kind: 'network' }) },
        {
          weight: 1,
          arbitrary: fc.constant<HttpFault>({ kind: 'truncated-json' }),
        },
        {
          weight: 1,
          arbitrary: fc.constant<HttpFault>({ kind: 'wrong-types' }),
        },
        {
          weight: 1,
          arbitrary: fc.constant<HttpFault>({ kind: 'echo-credentials' }),
        },
      );
      const stats = { runs: 0, faults: 0, survived: 0, failedCleanly: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(fault, { minLength: 1, maxLength: 14 }),
          async script => {
            api.script = [];
            api.serve(versions.before);
            await harness.engine.runSource(SOURCE, 'schedule');
            expect(await harness.storedLines(SOURCE)).toEqual(BEFORE);

            api.requests.length = 0;
            http.sleeps.length = 0;
            api.script = script;
            api.serve(versions.after);
            const result = await harness.engine.runSource(SOURCE, 'schedule');
            const model = expectedClientBehaviour(script, pages);
            expect(api.requests.length).toBe(model.requests);
            expect(result !== undefined).toBe(model.ok);
            expect(await harness.storedLines(SOURCE)).toEqual(
              model.ok ? AFTER : BEFORE,
            );
            expect(await harness.duplicateKeys()).toEqual([]);
            const [run] = await harness.store.listRuns(SOURCE, 1);
            expect(run.status).toBe(model.ok ? 'succeeded' : 'failed');
            const errorStart = (run.error ?? 'none').slice(0, 30);
            expect(errorStart).toBe(
              model.ok ? 'none' : 'ProviderApiError: FakeAI /cost',
            );
            expect(run.error ?? '').not.toContain(KEY);
            const balance = await harness.attributionBalances();
            expect(balance.attributed + balance.unallocated).toBe(
              balance.ingested,
            );
            stats.runs += 1;
            stats.faults += api.requests.filter(r => r.fault).length;
            if (model.ok) stats.survived += 1;
            else stats.failedCleanly += 1;
          },
        ),
        {
          numRuns: fuzzRuns(
            String(databaseId).startsWith('POSTGRES') ? 40 : 80,
          ),
        },
      );
      figures.property[String(databaseId)] = stats;
      expect(harness.logger.text()).not.toContain(KEY);
    });
  });
});
