import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import {
  addDays,
  dayOf,
  dayToEpochMs,
  microsFromDecimalString,
} from '@ai-cost/plugin-ai-cost-common';
import {
  parseProviderBody,
  ProviderApiError,
  ProviderHttpClient,
  type ProviderHttpClientOptions,
} from '@ai-cost/plugin-ai-cost-node';
import { z } from 'zod';
import type { MetricWindow } from '../../database/MetricStore';
import type { MetricPoint } from '../types';
import { mergeMetricPoints } from './mergeMetricPoints';
import type {
  PrometheusMetricQuery,
  PrometheusSourceSettings,
} from './readPrometheusSettings';

const QUERY_RANGE = '/api/v1/query_range';
const SECONDS_PER_DAY = 86_400;

// Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
// a sample is [<unix time in seconds>, "<value as a string>"].
const sampleSchema = z.tuple([z.number(), z.string()]);
const labelsSchema = z.record(z.string());

const successSchema = z.object({
  status: z.literal('success'),
  data: z.discriminatedUnion('resultType', [
    z.object({
      resultType: z.literal('matrix'),
      result: z.array(
        z.object({
          metric: labelsSchema,
          // Absent for a series of native histograms only.
          values: z.array(sampleSchema).optional(),
          histograms: z.array(z.unknown()).optional(),
        }),
      ),
    }),
    z.object({
      resultType: z.literal('vector'),
      result: z.array(
        z.object({
          metric: labelsSchema,
          value: sampleSchema.optional(),
          histogram: z.unknown().optional(),
        }),
      ),
    }),
  ]),
  warnings: z.array(z.string()).optional(),
});

const errorSchema = z.object({
  status: z.literal('error'),
  errorType: z.string(),
  error: z.string(),
});

const envelopeSchema = z.discriminatedUnion('status', [
  successSchema,
  errorSchema,
]);

/** `bad_data: parse error at char 5` from Prometheus's error envelope. */
function describeErrorBody(body: unknown): string | undefined {
  const parsed = errorSchema.safeParse(body);
  return parsed.success
    ? `${parsed.data.errorType}: ${parsed.data.error}`
    : undefined;
}

/** `{service="search", job="docs"}`, as Prometheus writes a series. */
function describeSeries(labels: Record<string, string>): string {
  return `{${Object.entries(labels)
    .map(([name, value]) => `${name}=${JSON.stringify(value)}`)
    .join(', ')}}`;
}

const validator = makeValidator();

/** A label value naming an entity: a full ref, or a bare Component name. */
function entityRefFrom(value: string): string | undefined {
  let ref: CompoundEntityRef;
  try {
    // Refs compare case-insensitively; the plugin keeps them lower-case.
    ref = parseEntityRef(value.toLocaleLowerCase('en-US'), {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch {
    return undefined;
  }
  const valid =
    validator.isValidKind(ref.kind) &&
    validator.isValidNamespace(ref.namespace) &&
    validator.isValidEntityName(ref.name);
  return valid ? stringifyEntityRef(ref) : undefined;
}

/** The micro-units of a sample value, or why it cannot be stored. */
function microsOf(value: string): number | string {
  let micros: number;
  try {
    // Exact: the decimal string is never multiplied as a float.
    micros = microsFromDecimalString(value);
  } catch (error) {
    return /too large/.test((error as Error).message)
      ? `value ${value} is above ${Number.MAX_SAFE_INTEGER} micro-units, too large to store`
      : `value ${value} is not a number`;
  }
  return micros < 0 ? `value ${value} is negative` : micros;
}

/** What one query yielded over a window. */
export interface PrometheusDailyResult {
  /** One point per (date, entity, tags), the values of equal series summed. */
  points: MetricPoint[];
  /** Samples and series left out, and why. */
  problems: string[];
  /** Prometheus's own warnings: the answer may be partial. */
  warnings: string[];
}

/** @internal */
export interface PrometheusClientOptions {
  source: Pick<PrometheusSourceSettings, 'id' | 'baseUrl' | 'token'>;
  /** Retry timing, for tests. */
  http?: Pick<
    ProviderHttpClientOptions,
    'sleep' | 'maxRetries' | 'initialBackoffMs' | 'timeoutMs'
  >;
}

/**
 * Reads business metrics from Prometheus's HTTP API, one value per UTC day:
 * `GET /api/v1/query_range` with `step=86400`, evaluated at the end of each
 * day (`<day+1>T00:00:00Z`), so that `increase(x[1d])` is the day's count.
 * Retries 429 (Retry-After) and 5xx; the bearer token never appears in an
 * error.
 */
export class PrometheusClient {
  readonly #http: ProviderHttpClient;

  constructor(options: PrometheusClientOptions) {
    const { id, baseUrl, token } = options.source;
    this.#http = new ProviderHttpClient({
      providerName: `Prometheus ${id}`,
      baseUrl,
      headers: token ? { authorization: `Bearer ${token}` } : {},
      secrets: token ? [token] : [],
      describeErrorBody,
      ...options.http,
    });
  }

  /** The daily values of `query` over `window` (both days inclusive). */
  async queryDaily(
    query: PrometheusMetricQuery,
    window: MetricWindow,
    signal?: AbortSignal,
  ): Promise<PrometheusDailyResult> {
    const endOf = (day: string) => String(dayToEpochMs(addDays(day, 1)) / 1000);
    const body = await this.#http.getJson(
      QUERY_RANGE,
      [
        ['query', query.query],
        ['start', endOf(window.from)],
        ['end', endOf(window.to)],
        ['step', String(SECONDS_PER_DAY)],
      ],
      signal,
    );
    const endpoint = `${this.#http.providerName} ${QUERY_RANGE}`;
    const envelope = parseProviderBody(envelopeSchema, body, endpoint);
    if (envelope.status === 'error') {
      throw new ProviderApiError(`${endpoint}: ${describeErrorBody(envelope)}`);
    }

    const problems: string[] = [];
    const points: MetricPoint[] = [];
    const { data } = envelope;
    const series =
      data.resultType === 'matrix'
        ? data.result.map(s => ({ ...s, values: s.values ?? [] }))
        : data.result.map(s => ({
            metric: s.metric,
            values: s.value ? [s.value] : [],
            histograms: s.histogram === undefined ? undefined : [s.histogram],
          }));
    for (const { metric: labels, values, histograms } of series) {
      const name = describeSeries(labels);
      if (histograms && histograms.length > 0) {
        problems.push(
          `${query.metric} ${name}: native histogram samples skipped; query a number such as histogram_count(...)`,
        );
      }
      let entityRef: string | null = query.entityRef ?? null;
      if (query.entityLabel) {
        const value = labels[query.entityLabel];
        entityRef = value ? entityRefFrom(value) ?? null : null;
        if (!value || !entityRef) {
          problems.push(
            value
              ? `${query.metric} ${name}: label ${query.entityLabel}="${value}" is not an entity reference; series skipped`
              : `${query.metric} ${name}: no label ${query.entityLabel} naming the entity; series skipped`,
          );
          continue;
        }
      }
      const tags: Record<string, string> = {};
      for (const [tag, label] of Object.entries(query.tagLabels)) {
        if (labels[label]) tags[tag] = labels[label];
      }
      for (const [time, value] of values) {
        // The sample at <day+1> 00:00 covers the day before it.
        const date = dayOf(Math.round(time * 1000) - 1);
        if (date < window.from || date > window.to) {
          problems.push(
            `${query.metric} ${name}: sample at ${time} is outside ${window.from}..${window.to}; skipped`,
          );
          continue;
        }
        const micros = microsOf(value);
        if (typeof micros === 'string') {
          problems.push(
            `${query.metric} ${name} on ${date}: ${micros}; skipped`,
          );
          continue;
        }
        points.push({
          metric: query.metric,
          date,
          entityRef,
          tags,
          valueMicros: micros,
          unit: query.unit,
        });
      }
    }
    const merged = mergeMetricPoints(points);
    return {
      points: merged.points,
      problems: [...problems, ...merged.problems],
      warnings: envelope.warnings ?? [],
    };
  }
}
