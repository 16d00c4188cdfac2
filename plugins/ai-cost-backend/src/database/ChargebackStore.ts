/** One line of a statement in micro-units, as a closed month keeps it. */
export interface StoredChargebackLine {
  entityRef: string;
  title?: string;
  costCenter: string | null;
  cost: number;
  adjustments: Array<{ month: string; cost: number; reason: string }>;
}

/** A chargeback statement in micro-units. */
export interface StoredStatement {
  coverage: number;
  lines: StoredChargebackLine[];
  unallocated: number;
  unallocatedAdjustments: Array<{
    month: string;
    cost: number;
    reason: string;
  }>;
  total: number;
}

/** A closed month: its statement as closed, which never changes. */
export interface ClosedMonth {
  month: string;
  statement: StoredStatement;
  closedBy: string;
  closedAt: string;
}

/** Closed chargeback months (DESIGN §9.4). */
export interface ChargebackStore {
  /** Every closed month, oldest first. */
  listClosed(): Promise<ClosedMonth[]>;
  /** Closes a month; false when it was closed already. */
  close(month: ClosedMonth): Promise<boolean>;
}
