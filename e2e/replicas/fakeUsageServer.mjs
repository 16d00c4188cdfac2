// The loopback HTTP double the fake billing sources of the replicas test
// read their usage from. It answers each source's fixed records (those inside
// the asked window) after a delay, so that two runs of one source at the same
// time would overlap, and it logs every call: which source, which replica,
// when it started and ended, and how many calls of that source were in
// flight at once.
import { createServer } from 'node:http';

/**
 * @param {{ recordsOf: Record<string, object[]>, delayMs: number }} options
 */
export async function startFakeUsageServer({ recordsOf, delayMs }) {
  /** @type {Array<{ sourceId: string, replica: string, from: string, to: string, startedAt: number, endedAt?: number }>} */
  const calls = [];
  const inFlight = new Map();
  const maxInFlight = new Map();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /^\/sources\/([^/]+)\/usage$/.exec(url.pathname);
    const sourceId = match && decodeURIComponent(match[1]);
    if (!sourceId || !recordsOf[sourceId]) {
      res.writeHead(404).end();
      return;
    }
    const from = url.searchParams.get('from') ?? '';
    const to = url.searchParams.get('to') ?? '';
    const call = {
      sourceId,
      replica: url.searchParams.get('replica') ?? '?',
      from,
      to,
      startedAt: Date.now(),
    };
    calls.push(call);
    const now = (inFlight.get(sourceId) ?? 0) + 1;
    inFlight.set(sourceId, now);
    maxInFlight.set(sourceId, Math.max(maxInFlight.get(sourceId) ?? 0, now));
    setTimeout(() => {
      inFlight.set(sourceId, inFlight.get(sourceId) - 1);
      call.endedAt = Date.now();
      const records = recordsOf[sourceId].filter(
        r => r.date >= from && r.date <= to,
      );
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(records));
    }, delayMs);
  });
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = /** @type {import('node:net').AddressInfo} */ (
    server.address()
  );

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    /** The most calls of one source that were ever in flight at once. */
    maxInFlight: sourceId => maxInFlight.get(sourceId) ?? 0,
    close: () =>
      new Promise(resolve => {
        server.closeAllConnections();
        server.close(() => resolve(undefined));
      }),
  };
}
