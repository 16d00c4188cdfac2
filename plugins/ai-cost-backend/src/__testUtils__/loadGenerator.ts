import http from 'node:http';

/** One request of a load run; `kind` groups the figures. */
export interface LoadRequest {
  kind: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** Figures of one kind of request (or of all). */
export interface LoadFigures {
  requests: number;
  /** Responses by status code. */
  statuses: Record<string, number>;
  /** Requests that got no response (connection errors, resets). */
  errors: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export interface LoadResult extends LoadFigures {
  concurrency: number;
  durationMs: number;
  byKind: Record<string, LoadFigures>;
  /** The first few connection errors, for the failure message. */
  errorSamples: string[];
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(
    sorted.length - 1,
    Math.ceil((p / 100) * sorted.length) - 1,
  );
  return Math.round(sorted[Math.max(0, index)] * 10) / 10;
}

function figures(
  latencies: number[],
  statuses: Record<string, number>,
  errors: number,
  durationMs: number,
): LoadFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: latencies.length + errors,
    statuses,
    errors,
    requestsPerSecond:
      Math.round((latencies.length / durationMs) * 1000 * 10) / 10,
    latencyMs: {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      max: percentile(sorted, 100),
    },
  };
}

/**
 * A small closed-loop HTTP load generator: `concurrency` workers, each on a
 * keep-alive connection, send requests one after the other for
 * `durationMs` (a request in flight at the deadline is completed). `next`
 * builds each request; `onResponse` sees every answer, for the caller's
 * correctness bookkeeping. Latencies are measured from sending to the last
 * byte of the body.
 */
export async function runLoad(options: {
  port: number;
  host?: string;
  concurrency: number;
  durationMs: number;
  next: (worker: number, sequence: number) => LoadRequest;
  onResponse?: (request: LoadRequest, status: number, body: string) => void;
}): Promise<LoadResult> {
  const { port, concurrency, durationMs } = options;
  const host = options.host ?? '127.0.0.1';
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const all: number[] = [];
  const allStatuses: Record<string, number> = {};
  let allErrors = 0;
  const errorSamples: string[] = [];
  const kinds = new Map<
    string,
    { latencies: number[]; statuses: Record<string, number>; errors: number }
  >();
  const started = performance.now();
  const deadline = started + durationMs;

  const send = (request: LoadRequest) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body =
        request.body === undefined ? undefined : Buffer.from(request.body);
      const req = http.request(
        {
          host,
          port,
          agent,
          method: request.method,
          path: request.path,
          headers: {
            ...request.headers,
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', chunk => chunks.push(chunk));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  const worker = async (id: number) => {
    for (let sequence = 0; performance.now() < deadline; sequence++) {
      const request = options.next(id, sequence);
      let kind = kinds.get(request.kind);
      if (!kind) {
        kind = { latencies: [], statuses: {}, errors: 0 };
        kinds.set(request.kind, kind);
      }
      const begin = performance.now();
      try {
        const { status, body } = await send(request);
        const latency = performance.now() - begin;
        all.push(latency);
        kind.latencies.push(latency);
        allStatuses[status] = (allStatuses[status] ?? 0) + 1;
        kind.statuses[status] = (kind.statuses[status] ?? 0) + 1;
        options.onResponse?.(request, status, body);
      } catch (error) {
        allErrors += 1;
        kind.errors += 1;
        if (errorSamples.length < 5) errorSamples.push(String(error));
      }
    }
  };

  try {
    await Promise.all(Array.from({ length: concurrency }, (_, i) => worker(i)));
  } finally {
    agent.destroy();
  }
  const elapsed = performance.now() - started;
  return {
    concurrency,
    durationMs: Math.round(elapsed),
    ...figures(all, allStatuses, allErrors, elapsed),
    byKind: Object.fromEntries(
      [...kinds].map(([name, k]) => [
        name,
        figures(k.latencies, k.statuses, k.errors, elapsed),
      ]),
    ),
    errorSamples,
  };
}
