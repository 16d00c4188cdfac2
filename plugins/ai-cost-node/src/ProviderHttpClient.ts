import { CustomErrorBase } from '@backstage/errors';
import type { z } from 'zod';

/**
 * A provider answered with an error, an unreadable body, or could not be
 * reached after every retry. The message never contains credentials.
 * @public
 */
export class ProviderApiError extends CustomErrorBase {
  name = 'ProviderApiError' as const;
  constructor(message: string, readonly status?: number, cause?: Error) {
    super(message, cause);
  }
}

/** @public */
export interface ProviderHttpClientOptions {
  /** Human name used in errors, e.g. `OpenAI`. */
  providerName: string;
  /** Base URL without trailing slash, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Sent with every request (credentials go here, never into errors). */
  headers: Record<string, string>;
  /**
   * Values that must never appear in an error message, such as the admin key:
   * a provider may echo it back in an error body. Values shorter than 8
   * characters are not treated as credentials.
   */
  secrets?: string[];
  /** Retries after a 429, 5xx or network error. Default 5. */
  maxRetries?: number;
  /** First backoff for 5xx and network errors; doubles each retry. Default 1 s. */
  initialBackoffMs?: number;
  /** Cap on one backoff. Default 30 s. */
  maxBackoffMs?: number;
  /** A Retry-After longer than this fails the request instead. Default 5 min. */
  maxRetryAfterMs?: number;
  /** Per-request timeout. Default 60 s. */
  timeoutMs?: number;
  /** Extracts the provider's message from an error body. */
  describeErrorBody?: (body: unknown) => string | undefined;
  /**
   * More response headers that say how long to wait after a 429, in seconds
   * or as an HTTP date, e.g. Azure's
   * `x-ms-ratelimit-microsoft.costmanagement-qpu-retry-after`. They are read
   * with `Retry-After`; the longest wait wins.
   */
  retryAfterHeaders?: string[];
  /**
   * Called before every attempt for credentials that change over time, such
   * as an OAuth access token; its headers are added to `headers` and its
   * `secrets` are redacted like the static ones. A failure here is not
   * retried.
   */
  authenticate?: (signal?: AbortSignal) => Promise<ProviderAuthentication>;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What {@link ProviderHttpClientOptions.authenticate} returns. @public */
export interface ProviderAuthentication {
  headers: Record<string, string>;
  /** Values to redact from every message, e.g. the access token. */
  secrets?: string[];
}

/** Query parameters in order; repeated keys are allowed (`group_by[]`). @public */
export type QueryParams = Array<[string, string]>;

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ProviderApiError('Request aborted'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new ProviderApiError('Request aborted'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Parses `Retry-After` (seconds or HTTP date) into milliseconds. @public */
export function parseRetryAfter(
  header: string | null,
  now: number = Date.now(),
): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * A small JSON-over-HTTP client for provider billing APIs: retries 429
 * honouring `Retry-After`, retries 5xx and network errors with bounded
 * exponential backoff, and turns everything else into a
 * {@link ProviderApiError} that names the endpoint and the provider's message.
 * @public
 */
export class ProviderHttpClient {
  // A true private field: logging or serializing the client shows no credentials.
  readonly #options: Required<
    Omit<ProviderHttpClientOptions, 'describeErrorBody' | 'authenticate'>
  > &
    Pick<ProviderHttpClientOptions, 'describeErrorBody' | 'authenticate'>;

  constructor(options: ProviderHttpClientOptions) {
    if (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(options.baseUrl)) {
      // Never quoted: the user-info may hold a password.
      throw new Error(
        `${options.providerName}: baseUrl must not contain credentials (user:password@); pass them as the source's key instead`,
      );
    }
    this.#options = {
      maxRetries: 5,
      initialBackoffMs: 1000,
      maxBackoffMs: 30_000,
      maxRetryAfterMs: 300_000,
      timeoutMs: 60_000,
      sleep: defaultSleep,
      secrets: [],
      retryAfterHeaders: [],
      ...options,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
    };
  }

  /** The human name errors start with, e.g. `OpenAI`. */
  get providerName(): string {
    return this.#options.providerName;
  }

  /** GETs `path` and returns the parsed JSON body. */
  async getJson(
    path: string,
    query: QueryParams,
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.#request('GET', path, query, undefined, signal);
  }

  /**
   * POSTs `body` as JSON to `path` and returns the parsed JSON body (`null`
   * for 204 No Content). `path` may also be an absolute URL, such as a
   * `nextLink` the provider returned, as long as it is on the origin of
   * `baseUrl`: credentials are never sent anywhere else.
   */
  async postJson(
    path: string,
    body: unknown,
    query: QueryParams = [],
    signal?: AbortSignal,
  ): Promise<unknown> {
    return this.#request('POST', path, query, body, signal);
  }

  /** The URL to call and the endpoint name used in errors. */
  #target(path: string, query: QueryParams): { url: string; endpoint: string } {
    const { providerName, baseUrl } = this.#options;
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      const url = new URL(path);
      if (url.origin !== new URL(baseUrl).origin) {
        throw this.#error(
          `${providerName}: refusing to follow a link to ${
            url.origin
          }, which is not the configured ${new URL(baseUrl).origin}`,
        );
      }
      for (const [key, value] of query) url.searchParams.append(key, value);
      return {
        url: url.toString(),
        endpoint: `${providerName} ${url.pathname}`,
      };
    }
    const search = query.length > 0 ? `?${new URLSearchParams(query)}` : '';
    return {
      url: `${baseUrl}${path}${search}`,
      endpoint: `${providerName} ${path}`,
    };
  }

  async #request(
    method: 'GET' | 'POST',
    path: string,
    query: QueryParams,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const { maxRetries } = this.#options;
    const { url, endpoint } = this.#target(path, query);
    for (let attempt = 0; ; attempt++) {
      const auth = await this.#authenticate(endpoint, signal);
      const redact = (text: string) => this.#redact(text, auth.secrets);
      let response: Response;
      try {
        response = await fetch(url, {
          method,
          headers: {
            accept: 'application/json',
            ...(body === undefined
              ? {}
              : { 'content-type': 'application/json' }),
            ...this.#options.headers,
            ...auth.headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: this.requestSignal(signal),
        });
      } catch (error) {
        if (signal?.aborted) throw this.#error(`${endpoint}: aborted`);
        if (attempt >= maxRetries) {
          throw this.#error(
            `${endpoint}: request failed after ${attempt + 1} attempts: ${
              (error as Error).message
            }`,
            undefined,
            error as Error,
            auth.secrets,
          );
        }
        await this.#options.sleep(this.backoff(attempt), signal);
        continue;
      }

      if (response.ok) {
        if (response.status === 204) return null;
        const text = await response.text();
        try {
          return JSON.parse(text);
        } catch {
          throw this.#error(
            `${endpoint}: response is not valid JSON (${
              text.length
            } bytes, starts with ${JSON.stringify(text.slice(0, 40))})`,
            response.status,
            undefined,
            auth.secrets,
          );
        }
      }

      const retriable = response.status === 429 || response.status >= 500;
      const message = await this.describeFailure(response, redact);
      if (!retriable || attempt >= maxRetries) {
        const tries = retriable ? ` after ${attempt + 1} attempts` : '';
        throw this.#error(
          `${endpoint} answered ${response.status}${tries}: ${message}`,
          response.status,
          undefined,
          auth.secrets,
        );
      }
      let wait = this.backoff(attempt);
      if (response.status === 429) {
        const retryAfter = this.#retryAfter(response.headers);
        if (retryAfter !== undefined) {
          if (retryAfter > this.#options.maxRetryAfterMs) {
            throw this.#error(
              `${endpoint} answered 429 with Retry-After of ${Math.round(
                retryAfter / 1000,
              )}s, longer than the ${Math.round(
                this.#options.maxRetryAfterMs / 1000,
              )}s this client waits: ${message}`,
              429,
              undefined,
              auth.secrets,
            );
          }
          wait = retryAfter;
        }
      }
      await this.#options.sleep(wait, signal);
    }
  }

  /** Dynamic credentials for one attempt; a failure names the endpoint only. */
  async #authenticate(
    endpoint: string,
    signal?: AbortSignal,
  ): Promise<{ headers: Record<string, string>; secrets: string[] }> {
    if (!this.#options.authenticate) return { headers: {}, secrets: [] };
    try {
      const auth = await this.#options.authenticate(signal);
      const secrets = [...(auth.secrets ?? [])];
      return { headers: auth.headers, secrets };
    } catch (error) {
      throw this.#error(
        `${endpoint}: could not get credentials`,
        undefined,
        error as Error,
      );
    }
  }

  /** The longest wait any retry-after header asks for, in milliseconds. */
  #retryAfter(headers: Headers): number | undefined {
    const waits = ['retry-after', ...this.#options.retryAfterHeaders]
      .map(name => parseRetryAfter(headers.get(name)))
      .filter((ms): ms is number => ms !== undefined);
    return waits.length > 0 ? Math.max(...waits) : undefined;
  }

  /** An error whose message carries none of the configured secrets. */
  #error(
    message: string,
    status?: number,
    cause?: Error,
    extraSecrets: string[] = [],
  ): ProviderApiError {
    return new ProviderApiError(
      this.#redact(message, extraSecrets),
      status,
      cause && redactedCause(cause, text => this.#redact(text, extraSecrets)),
    );
  }

  #redact(text: string, extraSecrets: string[] = []): string {
    return (
      [...this.#options.secrets, ...extraSecrets]
        .filter(secret => secret.length >= 8)
        // Longest first, so a secret containing another is removed whole.
        .sort((a, b) => b.length - a.length)
        .reduce(
          (result, secret) => result.split(secret).join('[redacted]'),
          text,
        )
    );
  }

  private backoff(attempt: number): number {
    const { initialBackoffMs, maxBackoffMs } = this.#options;
    return Math.min(maxBackoffMs, initialBackoffMs * 2 ** attempt);
  }

  private requestSignal(signal?: AbortSignal): AbortSignal {
    const timeout = AbortSignal.timeout(this.#options.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  }

  private async describeFailure(
    response: Response,
    redact: (text: string) => string,
  ): Promise<string> {
    const text = await response.text().catch(() => '');
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    const described = this.#options.describeErrorBody?.(body);
    if (described) return redact(described);
    // Redact before truncating, so a key cut in half cannot leak either.
    return text ? redact(text).slice(0, 200) : response.statusText || 'no body';
  }
}

/**
 * A copy of `cause` whose message is redacted: CustomErrorBase appends the
 * cause's message to the error's own, so an unredacted cause would leak.
 */
function redactedCause(
  cause: Error,
  redact: (text: string) => string,
  depth = 0,
): Error {
  const inner = (cause as { cause?: unknown }).cause;
  const copy = new Error(
    redact(cause.message),
    inner instanceof Error && depth < 3
      ? { cause: redactedCause(inner, redact, depth + 1) }
      : undefined,
  );
  copy.name = cause.name;
  return copy;
}

/**
 * Validates a provider response body with a zod schema; the error names the
 * endpoint and every offending field path, e.g.
 * `OpenAI /organization/costs: unexpected response: data.0.results.1.amount.value: Expected number, received string`.
 * Unknown extra fields are ignored by passthrough-free object schemas.
 * @public
 */
export function parseProviderBody<T extends z.ZodTypeAny>(
  schema: T,
  body: unknown,
  endpoint: string,
): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map(issue => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
  throw new ProviderApiError(`${endpoint}: unexpected response: ${issues}`);
}

/** A page of a `has_more` / `next_page` paginated list (OpenAI, Anthropic). @public */
export interface CursorPage<T> {
  data: T[];
  has_more: boolean;
  next_page?: string | null;
}

/**
 * Follows `has_more` / `next_page` (sent back as `page=`) until the last page,
 * validating each page. Stops with an error that names the endpoint, e.g.
 * `OpenAI /organization/costs: has_more is true but next_page is missing`,
 * if a provider says `has_more` without a cursor or repeats a cursor, rather
 * than looping forever.
 * @public
 */
export async function fetchAllPages<T>(
  client: ProviderHttpClient,
  path: string,
  query: QueryParams,
  parsePage: (body: unknown) => CursorPage<T>,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const pageQuery: QueryParams = cursor
      ? [...query, ['page', cursor]]
      : query;
    const page = parsePage(await client.getJson(path, pageQuery, signal));
    items.push(...page.data);
    if (!page.has_more) return items;
    if (!page.next_page || seen.has(page.next_page)) {
      throw new ProviderApiError(
        `${client.providerName} ${path}: has_more is true but next_page is ${
          page.next_page ? `repeated (${page.next_page})` : 'missing'
        }`,
      );
    }
    seen.add(page.next_page);
    cursor = page.next_page;
  }
}
