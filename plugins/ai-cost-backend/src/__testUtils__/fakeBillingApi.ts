import {
  addDays,
  dayOf,
  dayToEpochMs,
  microsFromNumber,
  microsToNumber,
} from '@ai-cost/plugin-ai-cost-common';
import {
  fetchAllPages,
  parseProviderBody,
  ProviderHttpClient,
  type AiCostProvider,
  type ProviderFetchContext,
  type ProviderHttpClientOptions,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { delay, http, HttpResponse } from 'msw';
import { z } from 'zod';

/**
 * A fault the fake billing API answers one request with instead of the page.
 * `retriable` faults are retried by `ProviderHttpClient` (429, 5xx, network
 * errors and timeouts); the others fail the request at once.
 */
export type HttpFault =
  | { kind: 'rate-limit'; retryAfterSeconds: number }
  | { kind: 'server-error'; status: 500 | 502 | 503 | 504 }
  | { kind: 'network' }
  | { kind: 'timeout' }
  | { kind: 'truncated-json' }
  | { kind: 'wrong-types' }
  | { kind: 'echo-credentials' };

/** Whether `ProviderHttpClient` retries a fault. */
export function isRetriable(fault: HttpFault): boolean {
  return ['rate-limit', 'server-error', 'network', 'timeout'].includes(
    fault.kind,
  );
}

/** One cost line of one day, money in micro-units. */
export interface FakeCostLine {
  projectId: string;
  lineItem: string;
  cost: number;
}

/** The client timeout the provider uses; a `timeout` fault answers later. */
export const FAKE_CLIENT_TIMEOUT_MS = 750;

/**
 * An OpenAI-like cost endpoint (`GET /costs?start_time&end_time&limit&page`,
 * one bucket per day, `has_more` / `next_page` pagination) served by msw,
 * whose answers a test scripts request by request: `script[n]` is the fault
 * the n-th request (0-based, retries included) gets, `undefined` the page.
 */
export class FakeBillingApi {
  /** Cost lines per day. */
  data = new Map<string, FakeCostLine[]>();
  /** Faults by request number. */
  script: Array<HttpFault | undefined> = [];
  /** Days per page. */
  pageDays = 3;
  /** Called with the request number before each request is answered. */
  onRequest?: (n: number) => void;
  /** Every request: its page cursor, what it got and the credentials it carried. */
  readonly requests: Array<{
    page: string;
    fault?: HttpFault;
    authorization: string | null;
    apiKey: string | null;
  }> = [];

  constructor(readonly baseUrl: string) {}

  /** Replaces the data with lines per day. */
  serve(data: Record<string, FakeCostLine[]>) {
    this.data = new Map(Object.entries(data));
  }

  handlers() {
    return [
      http.get(`${this.baseUrl}/costs`, async ({ request }) => {
        const url = new URL(request.url);
        const page = url.searchParams.get('page') ?? 'p0';
        const n = this.requests.length;
        const fault = this.script[n];
        this.onRequest?.(n);
        this.requests.push({
          page,
          fault,
          authorization: request.headers.get('authorization'),
          apiKey: request.headers.get('x-api-key'),
        });
        const body = this.page(
          Number(url.searchParams.get('start_time')),
          Number(url.searchParams.get('end_time')),
          Number(page.slice(1)),
        );
        switch (fault?.kind) {
          case undefined:
            return HttpResponse.json(body);
          case 'rate-limit':
            return HttpResponse.json(
              { error: { message: 'Rate limit reached for organization' } },
              {
                status: 429,
                headers: { 'retry-after': String(fault.retryAfterSeconds) },
              },
            );
          case 'server-error':
            return HttpResponse.json(
              { error: { message: 'The server is overloaded' } },
              { status: fault.status },
            );
          case 'network':
            return HttpResponse.error();
          case 'timeout':
            await delay(FAKE_CLIENT_TIMEOUT_MS * 3);
            return HttpResponse.json(body);
          case 'truncated-json': {
            const text = JSON.stringify(body);
            return new HttpResponse(
              text.slice(0, Math.floor(text.length / 2)),
              {
                status: 200,
                headers: { 'content-type': 'application/json' },
              },
            );
          }
          case 'wrong-types':
            return HttpResponse.json({
              ...body,
              data: body.data.map(bucket => ({
                ...bucket,
                results: bucket.results.map(r => ({
                  ...r,
                  amount: { ...r.amount, value: String(r.amount.value) },
                })),
              })),
            });
          case 'echo-credentials':
            return HttpResponse.json(
              {
                error: {
                  message: `Incorrect API key provided: ${
                    request.headers.get('authorization') ??
                    request.headers.get('x-api-key')
                  }. You can find your API key at https://platform.example/keys.`,
                },
              },
              { status: 401 },
            );
          default:
            throw new Error(`unknown fault ${JSON.stringify(fault)}`);
        }
      }),
    ];
  }

  /** Pages a run of `days` days needs. */
  pagesFor(days: number): number {
    return Math.max(1, Math.ceil(days / this.pageDays));
  }

  private page(startTime: number, endTime: number, index: number) {
    const days: string[] = [];
    for (
      let day = dayOf(startTime * 1000);
      dayToEpochMs(day) < endTime * 1000;
      day = addDays(day, 1)
    ) {
      days.push(day);
    }
    const slice = days.slice(
      index * this.pageDays,
      (index + 1) * this.pageDays,
    );
    const more = (index + 1) * this.pageDays < days.length;
    return {
      object: 'page',
      data: slice.map(day => ({
        object: 'bucket',
        start_time: dayToEpochMs(day) / 1000,
        end_time: dayToEpochMs(addDays(day, 1)) / 1000,
        results: (this.data.get(day) ?? []).map(line => ({
          object: 'costs.result',
          amount: { value: microsToNumber(line.cost), currency: 'usd' },
          project_id: line.projectId,
          line_item: line.lineItem,
        })),
      })),
      has_more: more,
      next_page: more ? `p${index + 1}` : null,
    };
  }
}

const pageSchema = z.object({
  data: z.array(
    z.object({
      start_time: z.number().int(),
      results: z.array(
        z.object({
          amount: z.object({ value: z.number(), currency: z.string() }),
          project_id: z.string().nullable(),
          line_item: z.string().nullable(),
        }),
      ),
    }),
  ),
  has_more: z.boolean(),
  next_page: z.string().nullable().optional(),
});

/** How the fake provider presents its credentials, like the real modules do. */
export type CredentialStyle =
  /** OpenAI: `Authorization: Bearer <admin key>`. */
  | { kind: 'bearer'; key: string }
  /** Anthropic: `x-api-key: <admin key>`. */
  | { kind: 'x-api-key'; key: string }
  /**
   * Azure: a client secret exchanged for an access token before every
   * attempt (`authenticate`); `tokenError` makes the exchange fail with an
   * error that quotes the secret, as identity libraries do.
   */
  | {
      kind: 'oauth';
      clientSecret: string;
      token: string;
      tokenError?: boolean;
    };

function staticHeaders(credentials: CredentialStyle): Record<string, string> {
  if (credentials.kind === 'bearer') {
    return { authorization: `Bearer ${credentials.key}` };
  }
  if (credentials.kind === 'x-api-key') return { 'x-api-key': credentials.key };
  return {};
}

/**
 * A billing source built like the real provider modules: one
 * {@link ProviderHttpClient} (retries, Retry-After, timeouts, secret
 * redaction), {@link fetchAllPages} and {@link parseProviderBody}, reading
 * {@link FakeBillingApi}. Waits are recorded in `sleeps` instead of slept.
 */
export class HttpBillingProvider implements AiCostProvider {
  readonly provider = 'openai';
  readonly sleeps: number[] = [];
  private readonly client: ProviderHttpClient;

  constructor(
    readonly id: string,
    options: {
      baseUrl: string;
      credentials: CredentialStyle;
      maxRetries?: number;
      http?: Partial<ProviderHttpClientOptions>;
    },
  ) {
    const { credentials } = options;
    const sleeps = this.sleeps;
    this.client = new ProviderHttpClient({
      providerName: 'FakeAI',
      baseUrl: options.baseUrl,
      maxRetries: options.maxRetries ?? 3,
      timeoutMs: FAKE_CLIENT_TIMEOUT_MS,
      headers: staticHeaders(credentials),
      secrets:
        credentials.kind === 'oauth'
          ? [credentials.clientSecret]
          : [credentials.key],
      ...(credentials.kind === 'oauth'
        ? {
            authenticate: async () => {
              if (credentials.tokenError) {
                throw new Error(
                  `AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID: '${credentials.clientSecret}'`,
                );
              }
              return {
                headers: { authorization: `Bearer ${credentials.token}` },
                secrets: [credentials.token],
              };
            },
          }
        : {}),
      describeErrorBody: body =>
        (body as { error?: { message?: string } })?.error?.message,
      sleep: async (ms, signal) => {
        sleeps.push(ms);
        if (signal?.aborted) throw new Error('aborted while waiting');
      },
      ...options.http,
    });
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    const startTime = dayToEpochMs(window.from) / 1000;
    const endTime = dayToEpochMs(addDays(window.to, 1)) / 1000;
    const buckets = await fetchAllPages(
      this.client,
      '/costs',
      [
        ['start_time', String(startTime)],
        ['end_time', String(endTime)],
      ],
      body => parseProviderBody(pageSchema, body, 'FakeAI /costs'),
      context.signal,
    );
    return buckets.flatMap(bucket =>
      bucket.results.map(result => ({
        date: dayOf(bucket.start_time * 1000),
        projectId: result.project_id,
        lineItem: result.line_item,
        model: result.line_item,
        cost: microsFromNumber(result.amount.value),
        currency: result.amount.currency.toUpperCase(),
        costKind: 'billed' as const,
      })),
    );
  }
}
