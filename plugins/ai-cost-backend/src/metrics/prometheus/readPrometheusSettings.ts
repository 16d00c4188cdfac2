import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader, type Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  allocationTagKeySchema,
  builtInMetrics,
  entityRefSchema,
  isBuiltInMetric,
  isCurrencyUnit,
  metricNameSchema,
  metricUnitSchema,
} from '@ai-cost/plugin-ai-cost-common';
import { SOURCE_ID_PATTERN } from '@ai-cost/plugin-ai-cost-node';
import { z } from 'zod';

/** The config key of the Prometheus metric sources. */
export const PROMETHEUS_METRICS_KEY = 'aiCost.metrics.prometheus';

/** One PromQL query of a source: the business metric it yields, per day. */
export interface PrometheusMetricQuery {
  /** e.g. `documents_processed`. */
  metric: string;
  /** PromQL evaluated at the end of each UTC day, e.g. `sum by (service) (increase(x[1d]))`. */
  query: string;
  unit: string | null;
  /** Every value belongs to this entity (full, lower-case ref). */
  entityRef?: string;
  /** Or: the label whose value is the entity (a ref, or a bare Component name). */
  entityLabel?: string;
  /** Allocation tag key to the label holding its value, e.g. `{ customer: 'customer_id' }`. */
  tagLabels: Record<string, string>;
}

/** One `aiCost.metrics.prometheus` entry. */
export interface PrometheusSourceSettings {
  id: string;
  /** e.g. `https://prometheus.example.com`, without a trailing slash. */
  baseUrl: string;
  /** Bearer token; never logged. */
  token?: string;
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** Trailing days (ending yesterday) re-read and replaced on every run. */
  lookbackDays: number;
  queries: PrometheusMetricQuery[];
}

const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { hours: 1 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 30 },
};
const DEFAULT_LOOKBACK_DAYS = 7;
const MAX_LOOKBACK_DAYS = 90;

const text = (what: string) =>
  z
    .string({
      required_error: 'is required',
      invalid_type_error: `must be ${what}`,
    })
    .min(1, 'must not be empty')
    .refine(
      value => value.trim() === value,
      'must not start or end with spaces',
    );

const labelName = text('a label name');

const metricName = metricNameSchema.refine(name => !isBuiltInMetric(name), {
  message: `is computed from usage (${builtInMetrics.join(
    ', ',
  )}); pull your own metric under another name`,
});

const querySchema = z
  .object(
    {
      metric: metricName,
      query: text('a PromQL expression'),
      unit: metricUnitSchema.optional(),
      entityRef: entityRefSchema.optional(),
      entityLabel: labelName.optional(),
      tagLabels: z
        .record(allocationTagKeySchema, labelName, {
          invalid_type_error: 'must be an object of allocation tag: label name',
        })
        .optional(),
    },
    { invalid_type_error: 'must be an object with metric and query' },
  )
  .strict()
  .refine(q => !(q.entityRef && q.entityLabel), {
    message: 'give entityRef or entityLabel, not both',
    path: ['entityLabel'],
  });

const sourceSchema = z
  .object(
    {
      id: z
        .string({
          required_error: 'is required',
          invalid_type_error: 'must be a string',
        })
        .regex(
          SOURCE_ID_PATTERN,
          'must be letters, digits, ".", "_" or "-" (starting with a letter or digit)',
        )
        // Pushed metrics are stored under the origin `push`.
        .refine(
          id => id !== 'push',
          'must not be "push", the origin of POST /metrics',
        ),
      baseUrl: z
        .string({
          required_error: 'is required',
          invalid_type_error: 'must be an http(s) URL',
        })
        .refine(
          isHttpUrl,
          'must be an http(s) URL without credentials (user:password@)',
        ),
      // Never echoed: only its shape is checked.
      token: z
        .string({ invalid_type_error: 'must be a string' })
        .min(1, 'must not be empty')
        .refine(
          value => value.trim() === value,
          'must not start or end with spaces',
        )
        .optional(),
      schedule: z
        .record(z.unknown(), {
          invalid_type_error:
            'must be a schedule such as { frequency: { hours: 1 }, timeout: { minutes: 10 } }',
        })
        .optional(),
      lookbackDays: z
        .number({ invalid_type_error: 'must be a whole number of days' })
        .int('must be a whole number of days')
        .min(1, `must be between 1 and ${MAX_LOOKBACK_DAYS}`)
        .max(MAX_LOOKBACK_DAYS, `must be between 1 and ${MAX_LOOKBACK_DAYS}`)
        .optional(),
      queries: z
        .array(querySchema, {
          required_error: 'is required',
          invalid_type_error: 'must be a list of queries',
        })
        .min(1, 'must list at least one query'),
    },
    { invalid_type_error: 'must be an object with id, baseUrl and queries' },
  )
  .strict();

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') &&
      url.username === '' &&
      url.password === ''
    );
  } catch {
    return false;
  }
}

/** `[0].queries[1].entityLabel` */
function pathOf(path: Array<string | number>): string {
  return path
    .map(part => {
      if (typeof part === 'number') return `[${part}]`;
      return /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)
        ? `.${part}`
        : `[${JSON.stringify(part)}]`;
    })
    .join('');
}

function readSchedule(
  schedule: JsonObject | undefined,
  key: string,
): SchedulerServiceTaskScheduleDefinition {
  if (!schedule) return DEFAULT_SCHEDULE;
  try {
    return readSchedulerServiceTaskScheduleDefinitionFromConfig(
      new ConfigReader(schedule, undefined, undefined, key),
    );
  } catch (error) {
    throw new InputError(`${key} ${(error as Error).message}`);
  }
}

/** The entity ref in the plugin's form: full and lower-case. */
function normalizeRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

/**
 * Reads `aiCost.metrics.prometheus`, the Prometheus servers business metrics
 * are pulled from (DESIGN §9.2); `[]` when absent. Throws an InputError
 * naming the exact key of the first bad value, e.g.
 * `aiCost.metrics.prometheus[0].queries[1].entityLabel give entityRef or entityLabel, not both`.
 * The token never appears in a message. A money metric (a currency unit)
 * must be in `currency`, `aiCost.currency`: values are never converted.
 */
export function readPrometheusSettings(
  config: Config,
  currency: string,
): PrometheusSourceSettings[] {
  const raw = config.getOptional(PROMETHEUS_METRICS_KEY);
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new InputError(
      `${PROMETHEUS_METRICS_KEY} must be a list of Prometheus sources`,
    );
  }
  const firstIndexOfId = new Map<string, number>();
  return raw.map((value, index) => {
    const key = `${PROMETHEUS_METRICS_KEY}[${index}]`;
    const parsed = sourceSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = `${key}${pathOf(issue.path)}`;
      if (issue.code === 'unrecognized_keys') {
        throw new InputError(
          `${at}${pathOf([issue.keys[0]])} is not a known setting`,
        );
      }
      throw new InputError(`${at} ${issue.message}`);
    }
    const source = parsed.data;
    const earlier = firstIndexOfId.get(source.id);
    if (earlier !== undefined) {
      throw new InputError(
        `${key}.id "${source.id}" is already used by ${PROMETHEUS_METRICS_KEY}[${earlier}]; source ids must be unique`,
      );
    }
    firstIndexOfId.set(source.id, index);

    const unitOf = new Map<string, string | null>();
    const queries = source.queries.map((q, queryIndex) => {
      const unit = q.unit ?? null;
      const stated = unitOf.get(q.metric);
      if (stated !== undefined && stated !== unit) {
        throw new InputError(
          `${key}.queries[${queryIndex}].unit ${JSON.stringify(
            unit,
          )} differs from the unit ${JSON.stringify(
            stated,
          )} an earlier query states for ${q.metric}`,
        );
      }
      if (isCurrencyUnit(unit) && unit !== currency) {
        throw new InputError(
          `${key}.queries[${queryIndex}].unit ${unit} is a currency other than aiCost.currency (${currency}); pull ${q.metric} in ${currency}`,
        );
      }
      unitOf.set(q.metric, unit);
      const query: PrometheusMetricQuery = {
        metric: q.metric,
        query: q.query,
        unit,
        tagLabels: q.tagLabels ?? {},
      };
      if (q.entityRef) query.entityRef = normalizeRef(q.entityRef);
      if (q.entityLabel) query.entityLabel = q.entityLabel;
      return query;
    });

    const settings: PrometheusSourceSettings = {
      id: source.id,
      baseUrl: source.baseUrl.replace(/\/+$/, ''),
      schedule: readSchedule(
        source.schedule as JsonObject | undefined,
        `${key}.schedule`,
      ),
      lookbackDays: source.lookbackDays ?? DEFAULT_LOOKBACK_DAYS,
      queries,
    };
    if (source.token) settings.token = source.token;
    return settings;
  });
}
