import { z } from 'zod';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A calendar month `YYYY-MM` between 1970 and 2999. @public */
export const monthSchema = z
  .string({
    errorMap: () => ({ message: 'must be a month written as YYYY-MM' }),
  })
  .regex(MONTH, 'must be a month written as YYYY-MM')
  .refine(month => month >= '1970-01' && month <= '2999-12', {
    message: 'must be a month between 1970-01 and 2999-12',
  });

/** Query of `GET /chargeback`, `GET /chargeback.csv` and `POST /chargeback/close`. @public */
export const chargebackQuerySchema = z.object({ month: monthSchema }).strict();

/** @public */
export type ChargebackQuery = z.infer<typeof chargebackQuerySchema>;

/** A later restatement of a closed month, booked on the first open month after it. @public */
export type ChargebackAdjustment = {
  /** The closed month that was restated. */
  month: string;
  cost: number;
  reason: string;
};

/** What one owning group (or user, or unowned entity) is charged for a month. @public */
export type ChargebackLine = {
  entityRef: string;
  title?: string;
  /** `ai-cost/cost-center` of the group or its nearest parent group; null when none. */
  costCenter: string | null;
  /** The month's own spend. */
  cost: number;
  adjustments: ChargebackAdjustment[];
};

/** Response of `GET /chargeback?month=` (DESIGN §9.4). @public */
export type ChargebackStatement = {
  month: string;
  /** A closed month never changes; restatements appear on the first open month after it. */
  status: 'open' | 'closed';
  closedAt?: string;
  closedBy?: string;
  currency: string;
  /** Attributed / total spend of the month, 0..1 (1 without spend). */
  coverage: number;
  /** Sorted by cost, largest first; lines + unallocated = total. */
  lines: ChargebackLine[];
  unallocated: number;
  /** Restatements of closed months' unallocated spend. */
  unallocatedAdjustments: ChargebackAdjustment[];
  /** The month's spend: lines plus unallocated, adjustments excluded. */
  total: number;
  /** Sum of every adjustment on this statement. */
  adjustmentsTotal: number;
};
