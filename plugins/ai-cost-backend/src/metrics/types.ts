/**
 * One value of a business metric (DESIGN §9.2) on one day, in micro-units of
 * its unit (`valueMicros` = value × 1,000,000, rounded), so money metrics
 * stay integers like every other amount and counts keep six decimals.
 */
export interface MetricPoint {
  /** e.g. `documents_processed`, `revenue`. */
  metric: string;
  /** `YYYY-MM-DD`, UTC. */
  date: string;
  /** The entity the value belongs to; null for an organisation-wide value. */
  entityRef: string | null;
  /** Allocation tag values the value belongs to, e.g. `{ customer: 'acme' }`; `{}` for none. */
  tags: Record<string, string>;
  valueMicros: number;
  /** e.g. `documents`, or a currency code (`USD`) for a money metric; null when unstated. */
  unit: string | null;
}

/** Where metric points come from: `push` (`POST /metrics`) or a Prometheus source id. */
export type MetricOrigin = string;
