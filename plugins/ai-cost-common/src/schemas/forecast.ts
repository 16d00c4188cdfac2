import { z } from 'zod';
import { entityRefSchema } from './common';

/**
 * Query of `GET /forecast`: one entity and its descendants, or the whole
 * organisation (every amount ingested, unallocated included) when omitted.
 * @public
 */
export const spendForecastQuerySchema = z
  .object({ entityRef: entityRefSchema.optional() })
  .strict();

/** @public */
export type SpendForecastQuery = z.infer<typeof spendForecastQuerySchema>;

/**
 * How a month-end forecast was made.
 * - `weekday-median`: each remaining day from the median of the same weekday
 *   over the last 8 weeks (with a trend when one is significant).
 * - `sparse-mean`: fewer than 7 days of history; the average day so far
 *   continues, with a wide range.
 * - `insufficient-history`: no spend to learn from; there is no forecast.
 * @public
 */
export type SpendForecastMethod =
  | 'weekday-median'
  | 'sparse-mean'
  | 'insufficient-history';

/** One projected day: its median and its own 80% range. @public */
export type SpendForecastDay = {
  date: string;
  median: number;
  low: number;
  high: number;
};

/** Response of `GET /forecast`: the current calendar month (UTC). @public */
export type SpendForecast = {
  /** The entity, with its descendants; null for the whole organisation. */
  entityRef: string | null;
  currency: string;
  period: {
    /** First day of the current month. */
    start: string;
    /** Last day of the current month. */
    end: string;
    /** Last complete day the figures include (yesterday). */
    asOf: string;
    /** Days after `asOf` up to `end`: the days `daily` projects. */
    daysRemaining: number;
  };
  /** Spend from `start` to `asOf`. */
  spent: number;
  /** The unallocated part of `spent` for the organisation; null for an entity. */
  unallocatedSpent: number | null;
  /** Month-end spend with its 80% range; null without history to forecast from. */
  forecast: { median: number; low: number; high: number } | null;
  /** The days after `asOf` to the month's end; their medians add up to `forecast.median − spent`. Empty without a forecast. */
  daily: SpendForecastDay[];
  /** How far past month-end forecasts were off (mean absolute % error); null before one complete month of history. */
  accuracy: { meanAbsPctError: number; samples: number } | null;
  basis: {
    method: SpendForecastMethod;
    /** Days of history the forecast learnt from (at most 56). */
    historyDays: number;
    /** The basis in one sentence, e.g. why there is no forecast. */
    description: string;
  };
};
