import { z } from 'zod';
import { isIsoDay } from '../dates';
import {
  currencySchema,
  entityRefSchema,
  isoDaySchema,
  metricNameSchema,
} from './common';

/** How often a subscription is billed. @public */
export const subscriptionPeriods = ['month', 'year'] as const;

/** @public */
export type SubscriptionPeriod = (typeof subscriptionPeriods)[number];

const requiredString = z.string({
  required_error: 'is required',
  invalid_type_error: 'must be a string',
});

const name = requiredString
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

/** The id of a subscription, e.g. `copilot-business`. @public */
export const subscriptionIdSchema = requiredString.regex(
  /^[a-z0-9][a-z0-9_.-]{0,99}$/,
  'must be 1 to 100 lower-case letters, digits, _ . - (e.g. copilot-business)',
);

/** The fields of a subscription, before the checks across them. @public */
export const subscriptionFieldsSchema = z
  .object({
    id: subscriptionIdSchema.optional(),
    vendor: name,
    product: name,
    /** Per period, in `currency` (decimal). */
    amount: z
      .number({
        required_error: 'is required',
        invalid_type_error: 'must be a number',
      })
      .refine(
        amount => Number.isFinite(amount) && amount > 0 && amount < 1e12,
        amount => ({
          message: `must be a number greater than 0, got ${amount}`,
        }),
      ),
    currency: z
      .string({
        required_error: 'is required',
        invalid_type_error: 'must be a string',
      })
      .pipe(currencySchema),
    period: z.enum(subscriptionPeriods, {
      errorMap: (_issue, ctx) => ({
        message:
          ctx.data === undefined
            ? 'is required'
            : `expected month or year, got ${JSON.stringify(ctx.data)}`,
      }),
    }),
    start: z.string({ required_error: 'is required' }).pipe(isoDaySchema),
    /** Last day billed (inclusive); open-ended when absent. */
    end: z.string().pipe(isoDaySchema).optional(),
    seats: z
      .number({ invalid_type_error: 'must be a whole number' })
      .int('must be a whole number')
      .positive('must be at least 1')
      .optional(),
    /** All of the cost goes to this entity. */
    entityRef: entityRefSchema.optional(),
    /** The cost splits by each group's member count in the catalog. */
    groups: z
      .array(entityRefSchema, { invalid_type_error: 'must be a list' })
      .min(1, 'must list at least one group')
      .optional(),
    /** The metric whose latest value is the number of seats in use. */
    activeSeatsMetric: metricNameSchema.optional(),
  })
  .strict();

/** One subscription as written in config or sent to `PUT /subscriptions/:id`. @public */
export type SubscriptionInput = z.infer<typeof subscriptionFieldsSchema>;

/** A subscription with the checks across its fields (end after start; entityRef or groups). @public */
export const subscriptionInputSchema = subscriptionFieldsSchema.superRefine(
  (subscription, ctx) => {
    const { start, end } = subscription;
    if (end !== undefined && isIsoDay(start) && isIsoDay(end) && end < start) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['end'],
        message: `must not be before start (${start})`,
      });
    }
    if (subscription.entityRef !== undefined && subscription.groups) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['groups'],
        message: 'give either entityRef or groups, not both',
      });
    }
  },
);

/** One subscription of `GET /subscriptions`. @public */
export type SubscriptionView = {
  id: string;
  /** `config` subscriptions come from app-config and cannot be changed here. */
  source: 'config' | 'portal';
  vendor: string;
  product: string;
  /** Per period, in the subscription's own currency. */
  amount: number;
  currency: string;
  period: SubscriptionPeriod;
  start: string;
  end: string | null;
  seats: number | null;
  entityRef: string | null;
  groups: string[] | null;
  activeSeatsMetric: string | null;
  /** This calendar month's amortised cost (the response's currency). */
  monthlyCost: number;
  /** `monthlyCost / seats`; null without seats. */
  costPerSeat: number | null;
  /** The latest value of `activeSeatsMetric`; null without one or without values. */
  activeSeats: number | null;
  /** `monthlyCost / activeSeats`; null without active seats. */
  costPerActiveSeat: number | null;
  /** What keeps the subscription from doing all it says. */
  problems: string[];
  updatedBy?: string;
  updatedAt?: string;
};

/** Response of `GET /subscriptions`. @public */
export type SubscriptionsResponse = {
  currency: string;
  /** The month of `monthlyCost`, `YYYY-MM`. */
  month: string;
  subscriptions: SubscriptionView[];
};
