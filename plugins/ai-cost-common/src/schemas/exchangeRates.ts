import { z } from 'zod';
import { isoDaySchema } from './common';

/**
 * Query of `GET /exchange-rates`: one currency or all, of the days
 * `from`..`to` (either end open; a month's rate is listed when the month
 * overlaps them).
 * @public
 */
export const exchangeRatesQuerySchema = z
  .object({
    currency: z
      .string()
      .transform(code => code.toUpperCase())
      .pipe(
        z
          .string()
          .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 currency code'),
      )
      .optional(),
    from: isoDaySchema.optional(),
    to: isoDaySchema.optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['to'],
        message: 'must not be before from',
      });
    }
  });

/** @public */
export type ExchangeRatesQuery = z.infer<typeof exchangeRatesQuerySchema>;

/**
 * One known exchange rate: units of the reporting currency per one unit of
 * `currency`, for a day (`YYYY-MM-DD`) or a month (`YYYY-MM`). `import`
 * (`POST /import/exchange-rates`) beats `config` (`aiCost.exchangeRates`)
 * for the same currency and day or month; a day's rate beats its month's.
 * @public
 */
export type ExchangeRate = {
  currency: string;
  date: string;
  rate: number;
  source: 'config' | 'import';
  importedBy?: string;
  importedAt?: string;
};

/** Answer of `GET /exchange-rates`. @public */
export type ExchangeRatesResponse = {
  /** The reporting currency rates convert into (`aiCost.currency`). */
  currency: string;
  rates: ExchangeRate[];
};

/** Answer of `POST /import/exchange-rates`. @public */
export type ExchangeRatesImportResponse = {
  currency: string;
  /** Rates stored (new or replacing an earlier import of the same currency and day or month). */
  imported: number;
  currencies: string[];
  /** First and last day or month of the file. */
  from: string;
  to: string;
};
