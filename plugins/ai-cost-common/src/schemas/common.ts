import { z } from 'zod';
import { parseEntityRef } from '@backstage/catalog-model';
import { isIsoDay } from '../dates';

/** The longest window one request may ask for, in days. @public */
export const MAX_WINDOW_DAYS = 400;

/** The first day the API and imports accept. @public */
export const FIRST_SUPPORTED_DAY = '1970-01-01';
/** The last day the API and imports accept (windows, forecasts and snoozes step past it safely). @public */
export const LAST_SUPPORTED_DAY = '2999-12-31';

/**
 * A `YYYY-MM-DD` calendar day in UTC, between 1970 and 2999 (days around them
 * still have neighbours a window, forecast or snooze can step to).
 * @public
 */
export const isoDaySchema = z
  .string()
  .refine(isIsoDay, {
    message: 'must be a calendar date written as YYYY-MM-DD',
  })
  .refine(
    day =>
      !isIsoDay(day) ||
      (day >= FIRST_SUPPORTED_DAY && day <= LAST_SUPPORTED_DAY),
    {
      message: `must be a day between ${FIRST_SUPPORTED_DAY} and ${LAST_SUPPORTED_DAY}`,
    },
  );

/**
 * A full entity reference `kind:namespace/name`; the kind is required and the
 * namespace defaults to `default`.
 * @public
 */
export const entityRefSchema = z.string().superRefine((value, ctx) => {
  try {
    parseEntityRef(value);
    if (!/^[^:/]+:/.test(value)) throw new Error('missing kind');
  } catch {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message:
        'must be an entity reference such as component:default/my-service',
    });
  }
});

/** A metric name: a letter, then letters, digits, `_`, `.`, `:` or `-`; at most 128. @public */
export const metricNameSchema = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a metric name',
  })
  .regex(
    /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/,
    'must be a metric name: a letter, then letters, digits, _ . : or -, at most 128 characters',
  );

/** A query naming one entity and nothing else (`?entityRef=`). @public */
export const entityQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();

/** The currency code amounts are reported in, e.g. `USD`. @public */
export const currencySchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code');

/** Provider kinds the plugin knows. @public */
export const providerKinds = [
  'openai',
  'anthropic',
  'aws',
  'gcp',
  'azure',
  'kubernetes',
  'gateway',
  'focus',
  'demo',
] as const;

/** @public */
export type ProviderKind = (typeof providerKinds)[number];

/** Formats zod issues as `field: message; field2: message2`. @public */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map(issue => {
      const path = issue.path.join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}
