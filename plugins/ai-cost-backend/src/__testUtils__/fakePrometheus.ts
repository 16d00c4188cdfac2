import { http, HttpResponse, type JsonBodyType } from 'msw';

/** A series the double holds: its labels and its value at evaluation times (unix seconds). */
export interface FakeSeries {
  metric: Record<string, string>;
  /** Unix seconds to the value Prometheus would print, e.g. `"12.5"`, `"NaN"`. */
  at: Record<number, string>;
}

/** One scripted HTTP answer instead of the evaluated query. */
export interface FakeReply {
  status: number;
  /** A JSON body, or raw text when a string. */
  body: JsonBodyType;
  headers?: Record<string, string>;
}

/** Prometheus's error envelope (HTTP 400 bad_data, 422 execution, 503 timeout...). */
export function prometheusError(
  status: number,
  errorType: string,
  error: string,
): FakeReply {
  return { status, body: { status: 'error', errorType, error } };
}

/**
 * A double of Prometheus's `GET /api/v1/query_range`, reproducing the
 * documented shapes (https://prometheus.io/docs/prometheus/latest/querying/api/):
 * it evaluates each configured series at `start`, `start + step`, ... up to
 * `end` and answers `{ status: 'success', data: { resultType: 'matrix',
 * result: [{ metric, values: [[<seconds>, "<value>"]] }] } }`, with
 * `warnings` when set. Bad parameters get the 400 `bad_data` envelope; a
 * wrong bearer token gets a 401 from the (proxy in front of) Prometheus.
 * `script` answers the next requests in order instead.
 */
export class FakePrometheus {
  /** Series per PromQL expression. */
  readonly series = new Map<string, FakeSeries[]>();
  /** Warnings added to every success (partial data). */
  warnings: string[] = [];
  /** Answers to the next requests, in order; evaluation resumes after. */
  script: FakeReply[] = [];
  /** Every request received, with its Authorization header. */
  readonly requests: Array<{ url: URL; authorization: string | null }> = [];

  constructor(readonly baseUrl: string, readonly token?: string) {}

  handler() {
    return http.get(`${this.baseUrl}/api/v1/query_range`, ({ request }) => {
      const url = new URL(request.url);
      const authorization = request.headers.get('authorization');
      this.requests.push({ url, authorization });
      const scripted = this.script.shift();
      if (scripted) return reply(scripted);
      if (this.token && authorization !== `Bearer ${this.token}`) {
        return new HttpResponse('Unauthorized', { status: 401 });
      }
      return reply(this.evaluate(url.searchParams));
    });
  }

  private evaluate(params: URLSearchParams): FakeReply {
    const query = params.get('query');
    if (!query) {
      return prometheusError(
        400,
        'bad_data',
        'invalid parameter "query": 1:1: parse error: no expression found in input',
      );
    }
    const times: Record<string, number> = {};
    for (const name of ['start', 'end', 'step']) {
      const value = Number(params.get(name));
      if (!params.get(name) || !Number.isFinite(value)) {
        return prometheusError(
          400,
          'bad_data',
          `invalid parameter "${name}": cannot parse "${
            params.get(name) ?? ''
          }" to a valid timestamp`,
        );
      }
      times[name] = value;
    }
    if (times.end < times.start) {
      return prometheusError(
        400,
        'bad_data',
        'invalid parameter "end": end timestamp must not be before start time',
      );
    }
    if (times.step <= 0) {
      return prometheusError(
        400,
        'bad_data',
        'invalid parameter "step": zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    }
    const result = (this.series.get(query) ?? [])
      .map(series => {
        const values: Array<[number, string]> = [];
        for (let t = times.start; t <= times.end; t += times.step) {
          if (series.at[t] !== undefined) values.push([t, series.at[t]]);
        }
        return { metric: series.metric, values };
      })
      // Prometheus leaves out series without a sample in the range.
      .filter(series => series.values.length > 0);
    return {
      status: 200,
      body: {
        status: 'success',
        data: { resultType: 'matrix', result },
        ...(this.warnings.length > 0 ? { warnings: this.warnings } : {}),
      },
    };
  }
}

function reply({ status, body, headers }: FakeReply) {
  if (typeof body === 'string') {
    return new HttpResponse(body, {
      status,
      headers: { 'content-type': 'text/plain', ...headers },
    });
  }
  return HttpResponse.json(body, { status, headers });
}
