import { z } from 'zod';
import { ALLOCATION_TAG_KEY_PATTERN } from '../annotations';
import { entityRefSchema, metricNameSchema } from './common';

/** Usage dimensions an allocation rule can match on (besides `tags.<key>`). @public */
export const allocationMatchKeys = [
  'provider',
  'sourceId',
  'accountId',
  'projectId',
  'apiKeyId',
  'resourceId',
  'userId',
  'region',
  'model',
  'serviceTier',
] as const;

/** @public */
export type AllocationMatchKey = (typeof allocationMatchKeys)[number];

/** How a split rule divides the spend it matches among its targets. @public */
export const allocationSplitMethods = [
  'even',
  'fixed',
  'proportional',
  'metric',
  'members',
] as const;

/** @public */
export type AllocationSplitMethod = (typeof allocationSplitMethods)[number];

const requiredString = z.string({
  required_error: 'is required',
  invalid_type_error: 'must be a string',
});

const nonEmptyString = requiredString.trim().min(1, 'must not be empty');

/** An allocation tag key such as `environment` or `cost-center`. @public */
export const allocationTagKeySchema = requiredString.regex(
  ALLOCATION_TAG_KEY_PATTERN,
  'must be lower-case letters, digits, _ . - (e.g. cost-center)',
);

/** The id of an allocation rule, e.g. `shared-eval-key`. @public */
export const allocationRuleIdSchema = requiredString.regex(
  /^[a-z0-9][a-z0-9_.-]{0,99}$/,
  'must be 1 to 100 lower-case letters, digits, _ . - (e.g. shared-eval-key)',
);

const PROVIDER_TAG = /^tags\..+$/;

/**
 * What a rule matches: keys are {@link allocationMatchKeys} or `tags.<key>`,
 * values exact or globs with `*`. Empty matches everything.
 * @public
 */
export const allocationRuleMatchSchema = z
  .record(
    requiredString,
    z
      .string({
        invalid_type_error: 'must be a string (quote numeric ids in YAML)',
      })
      .trim()
      .min(1, 'must not be empty'),
    {
      required_error: 'is required',
      invalid_type_error:
        'must be an object of dimension: value (use {} to match everything)',
    },
  )
  .superRefine((match, ctx) => {
    for (const key of Object.keys(match)) {
      const known =
        (allocationMatchKeys as readonly string[]).includes(key) ||
        PROVIDER_TAG.test(key);
      if (!known) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: `is not a match key; use one of ${allocationMatchKeys.join(
            ', ',
          )} or tags.<key>`,
        });
      }
    }
  });

const kindSchema = <K extends 'virtualTag' | 'split'>(kind: K) =>
  z
    .literal(kind, {
      errorMap: () => ({ message: 'must be virtualTag or split' }),
    })
    .optional();

const ruleFields = {
  id: allocationRuleIdSchema.optional(),
  match: allocationRuleMatchSchema,
};

/** The fields of a virtual-tag rule, before the checks across them. @public */
export const virtualTagRuleFieldsSchema = z.object({
  kind: kindSchema('virtualTag'),
  ...ruleFields,
  tag: allocationTagKeySchema,
  value: nonEmptyString.optional(),
  valueFrom: requiredString
    .regex(PROVIDER_TAG, 'must name a provider tag as tags.<key>')
    .optional(),
});

const weightSchema = z
  .number({ invalid_type_error: 'must be a number' })
  .refine(
    weight => Number.isFinite(weight) && weight > 0,
    weight => ({ message: `must be a number greater than 0, got ${weight}` }),
  );

/** The fields of a split rule, before the checks across them. @public */
export const splitRuleFieldsSchema = z.object({
  kind: kindSchema('split'),
  ...ruleFields,
  method: z.enum(allocationSplitMethods, {
    errorMap: (_issue, ctx) => ({
      message:
        ctx.data === undefined
          ? 'is required'
          : `must be one of ${allocationSplitMethods.join(
              ', ',
            )}, got ${JSON.stringify(ctx.data)}`,
    }),
  }),
  shares: z
    .record(entityRefSchema, weightSchema, {
      invalid_type_error: 'must be an object of entityRef: weight',
    })
    .optional(),
  targets: z
    .array(entityRefSchema, { invalid_type_error: 'must be a list' })
    .optional(),
  metric: metricNameSchema
    .refine(metric => metric !== 'customers', {
      message:
        'customers cannot weigh a split (it counts distinct customers); use requests, tokens or a pushed metric',
    })
    .optional(),
});

type Issues = z.RefinementCtx;

function onlyKnownFields(
  rule: Record<string, unknown>,
  fields: z.AnyZodObject,
  ctx: Issues,
) {
  const known = Object.keys(fields.shape);
  for (const key of Object.keys(rule)) {
    if (!known.includes(key)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [key],
        message: `is not a field of this rule; use ${known.join(', ')}`,
      });
    }
  }
}

function checkVirtualTag(
  rule: z.infer<typeof virtualTagRuleFieldsSchema>,
  ctx: Issues,
): void {
  if ((rule.value === undefined) === (rule.valueFrom === undefined)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['value'],
      message: 'give exactly one of value or valueFrom',
    });
  }
}

function checkSplit(
  rule: z.infer<typeof splitRuleFieldsSchema>,
  ctx: Issues,
): void {
  const problem = (path: string, message: string) =>
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
  const { method } = rule;
  if (method === 'fixed') {
    if (!rule.shares || Object.keys(rule.shares).length === 0) {
      problem('shares', 'is required for a fixed split: entityRef: weight');
    }
    if (rule.targets) {
      problem('targets', 'is not used by a fixed split; list them in shares');
    }
  } else {
    if (!rule.targets || rule.targets.length === 0) {
      problem('targets', 'must list at least one entity to split among');
    }
    if (rule.shares) {
      problem('shares', `is only used by a fixed split, not ${method}`);
    }
  }
  if (method === 'metric' && rule.metric === undefined) {
    problem('metric', 'is required for a metric split: the metric to split by');
  }
  if (method !== 'metric' && rule.metric !== undefined) {
    problem('metric', `is only used by a metric split, not ${method}`);
  }
}

/** One virtual-tag rule as written in config. @public */
export const virtualTagRuleInputSchema = virtualTagRuleFieldsSchema
  .passthrough()
  .superRefine((rule, ctx) => {
    onlyKnownFields(rule, virtualTagRuleFieldsSchema, ctx);
    checkVirtualTag(rule, ctx);
  });

/** @public */
export type VirtualTagRuleInput = z.infer<typeof virtualTagRuleFieldsSchema>;

/** One split rule as written in config. @public */
export const splitRuleInputSchema = splitRuleFieldsSchema
  .passthrough()
  .superRefine((rule, ctx) => {
    onlyKnownFields(rule, splitRuleFieldsSchema, ctx);
    checkSplit(rule, ctx);
  });

/** @public */
export type SplitRuleInput = z.infer<typeof splitRuleFieldsSchema>;

/** @public */
export type AllocationRuleInput =
  | (VirtualTagRuleInput & { kind: 'virtualTag' })
  | (SplitRuleInput & { kind: 'split' });

/**
 * Body of `PUT /allocation/rules/:id` and `POST /allocation/rules/preview`:
 * one virtual-tag or split rule as in config. Without `kind`, a body with a
 * `method` is a split rule, otherwise a virtual-tag rule.
 * @public
 */
export const allocationRuleInputSchema: z.ZodType<
  AllocationRuleInput,
  z.ZodTypeDef,
  unknown
> = z.unknown().transform((body, ctx) => {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: 'must be an object: one virtual-tag or split rule',
    });
    return z.NEVER;
  }
  const rule = body as Record<string, unknown>;
  const kind = rule.kind ?? ('method' in rule ? 'split' : 'virtualTag');
  const schema =
    kind === 'split' ? splitRuleInputSchema : virtualTagRuleInputSchema;
  const parsed = schema.safeParse(rule);
  if (!parsed.success) {
    parsed.error.issues.forEach(issue => ctx.addIssue(issue));
    return z.NEVER;
  }
  return { ...parsed.data, kind } as AllocationRuleInput;
});
