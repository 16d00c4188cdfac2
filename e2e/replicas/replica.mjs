// One backend replica of the replicas test: a real Backstage backend process
// (backend/index.ts through the Backstage CLI's node transform, as
// `backstage-cli package start` runs it) with its own port and log file, on
// the shared PostgreSQL database.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BACKEND_DIR = new URL('./backend/', import.meta.url).pathname;

/** A TCP port nobody listens on right now. */
export async function freePort() {
  const server = createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  );
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** The configuration of one replica; JSON is YAML, which --config reads. */
function replicaConfig(options) {
  const { name, port, database, token, catalogFile, fake } = options;
  const baseUrl = `http://127.0.0.1:${port}`;
  const seconds = (frequency, initialDelay = 1) => ({
    frequency: { seconds: frequency },
    timeout: { seconds: 60 },
    initialDelay: { seconds: initialDelay },
  });
  return {
    backend: {
      baseUrl,
      listen: { host: '127.0.0.1', port },
      database: {
        client: 'pg',
        // One database for the run, one schema per plugin in it.
        pluginDivisionMode: 'schema',
        connection: database,
        knexConfig: { pool: { min: 0, max: 5 } },
      },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token, subject: 'replicas-test' },
          },
        ],
      },
    },
    catalog: {
      rules: [{ allow: ['Component', 'Group', 'Location'] }],
      locations: [{ type: 'file', target: catalogFile }],
      processingInterval: { seconds: 5 },
    },
    aiCost: {
      currency: 'USD',
      ingestion: { schedule: seconds(options.ingestSeconds) },
      // The plugin's default delay: the index reads this replica's catalog,
      // which may still be starting.
      attribution: { schedule: seconds(3, 5) },
      postAttribution: { schedule: seconds(3) },
    },
    replicasTest: {
      fakeUsageUrl: fake.url,
      replica: name,
      sourceIds: fake.sourceIds,
    },
  };
}

/**
 * Starts a replica and resolves once it answers `/api/ai-cost/health`.
 * @param {{ name: string, dir: string, database: string, token: string,
 *   catalogFile: string, ingestSeconds: number,
 *   fake: { url: string, sourceIds: string[] } }} options
 */
export async function startReplica(options) {
  const { name, dir } = options;
  const port = await freePort();
  const configFile = join(dir, `app-config.${name}.yaml`);
  writeFileSync(
    configFile,
    JSON.stringify(replicaConfig({ ...options, port }), null, 2),
  );
  const logFile = join(dir, `replica-${name}.log`);
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [
      '--enable-source-maps',
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'index.ts',
      '--config',
      configFile,
    ],
    {
      cwd: BACKEND_DIR,
      // JSON log lines, so that the test can read their level.
      env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info' },
      stdio: ['ignore', log, log],
    },
  );
  const exited = once(child, 'exit');
  const replica = {
    name,
    baseUrl: `http://127.0.0.1:${port}`,
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `replica ${name} exited with ${child.exitCode}:\n${tail(replica)}`,
      );
    }
    try {
      const res = await fetch(`${replica.baseUrl}/api/ai-cost/health`);
      if (res.ok) return replica;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await replica.stop();
      throw new Error(`replica ${name} did not start:\n${tail(replica)}`);
    }
    await new Promise(r => setTimeout(r, 500));
  }
}

/** The last lines of a replica's log, for failure messages. */
export function tail(replica, lines = 30) {
  return replica.log().split('\n').slice(-lines).join('\n');
}
