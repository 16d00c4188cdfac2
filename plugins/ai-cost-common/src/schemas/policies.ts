import { z } from 'zod';
import {
  MODEL_TIERS,
  type BudgetEnforcement,
  type ModelTier,
} from '../annotations';
import { entityRefSchema, isoDaySchema } from './common';
import { refineWindow } from './costs';

/** A model tier, `frontier`, `standard` or `efficient`. @public */
export const modelTierSchema = z.enum(MODEL_TIERS);

/** Query of `GET /policies/violations`: one entity and its descendants, or every entity (org read). @public */
export const policyViolationsQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    from: isoDaySchema,
    to: isoDaySchema,
  })
  .strict()
  .superRefine(refineWindow);

/** Query of `GET /policies?entityRef=` and `GET /policies/exceptions?entityRef=`. @public */
export const policyEntityQuerySchema = z
  .object({ entityRef: entityRefSchema })
  .strict();

/** The longest an exception may last, in days. @public */
export const MAX_POLICY_EXCEPTION_DAYS = 366;

/** The shortest justification an exception accepts, in characters. @public */
export const MIN_POLICY_JUSTIFICATION_LENGTH = 20;

/** A model name or `*` glob, as in `ai-cost/allowed-models`. @public */
export const modelGlobSchema = z
  .string({
    required_error: 'is required',
    invalid_type_error: 'must be a string',
  })
  .trim()
  .regex(
    /^[A-Za-z0-9*._:/@-]{1,200}$/,
    'must be a model name or glob such as "gpt-4o" or "claude-opus*"',
  )
  .transform(glob => glob.toLocaleLowerCase('en-US'));

/**
 * Body of `POST /policies/exceptions`. The expiry is checked against the
 * clock by the service (future, at most {@link MAX_POLICY_EXCEPTION_DAYS}).
 * @public
 */
export const policyExceptionInputSchema = z
  .object({
    entityRef: entityRefSchema,
    model: modelGlobSchema,
    justification: z
      .string({
        required_error: 'is required',
        invalid_type_error: 'must be a string',
      })
      .trim()
      .min(
        MIN_POLICY_JUSTIFICATION_LENGTH,
        `must explain why in at least ${MIN_POLICY_JUSTIFICATION_LENGTH} characters`,
      )
      .max(2000, 'must be at most 2000 characters'),
    expiresAt: isoDaySchema,
  })
  .strict();

/** @public */
export type PolicyExceptionInput = z.infer<typeof policyExceptionInputSchema>;

/** An approved use of models above an entity's policy until a day. @public */
export type PolicyException = {
  id: string;
  entityRef: string;
  /** Model glob, lower-case. */
  model: string;
  justification: string;
  /** Last day the exception applies (UTC, inclusive). */
  expiresAt: string;
  createdBy: string;
  createdAt: string;
};

/**
 * Spend on a model the entity's policy does not allow
 * (`GET /policies/violations`). Money in `aiCost.currency`.
 * @public
 */
export type PolicyViolation = {
  entityRef: string;
  model: string;
  /** The model's tier; null for a model no tier glob matches (only a violation under an allow-list). */
  tier: ModelTier | null;
  /** The most capable tier the entity may use; null when only the allow-list applies. */
  allowedTier: ModelTier | null;
  cost: number;
  /** Days of the window with spend on the model. */
  days: number;
  /** The exception covering it, if one is in force: the spend is then allowed. */
  exception?: PolicyException;
};

/** Where an entity's model policy comes from. @public */
export type ModelPolicySource = 'annotation' | 'org-default' | 'none';

/** Response of `GET /policies?entityRef=`: the policy in force for an entity. @public */
export type ModelPolicy = {
  entityRef: string;
  maxTier: ModelTier | null;
  maxTierSource: ModelPolicySource;
  /** Model globs the entity may use whatever their tier. */
  allowedModels: string[];
  /** The environment the org default was chosen by (`ai-cost/tags`), if any. */
  environment: string | null;
  enforcement: BudgetEnforcement | null;
  exceptions: PolicyException[];
};

/**
 * Query of `GET /guardrails/decision`: who asks (an entity, a provider API
 * key resolved through the claims, or gateway tags `team=search,app=x`) and
 * optionally the model asked for.
 * @public
 */
export const guardrailQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    provider: z.string().trim().min(1, 'must not be empty').optional(),
    apiKeyId: z.string().trim().min(1, 'must not be empty').optional(),
    tags: z.string().trim().min(1, 'must not be empty').optional(),
    model: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    const byKey = query.provider !== undefined || query.apiKeyId !== undefined;
    const ways = [query.entityRef, query.tags].filter(Boolean).length;
    if (ways + (byKey ? 1 : 0) !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['entityRef'],
        message:
          'give exactly one of entityRef, provider with apiKeyId, or tags',
      });
    } else if (byKey && (!query.provider || !query.apiKeyId)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: [query.provider ? 'apiKeyId' : 'provider'],
        message: 'is required with provider or apiKeyId',
      });
    }
  });

/** @public */
export type GuardrailQuery = z.infer<typeof guardrailQuerySchema>;

/** The guardrail's answer. @public */
export const guardrailDecisions = ['allow', 'warn', 'deny'] as const;

/** Response of `GET /guardrails/decision`. @public */
export type GuardrailDecision = {
  decision: (typeof guardrailDecisions)[number];
  /** Why, one sentence each; empty for a plain allow. */
  reasons: string[];
  /** The entity the request was resolved to; null when nothing claims it. */
  entityRef: string | null;
  enforcement: BudgetEnforcement | null;
  budget?: {
    state: 'over' | 'at-risk' | 'ok' | 'none';
    budget: number | null;
    spent: number;
    currency: string;
  };
  environment?: string;
};
