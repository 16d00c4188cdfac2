/**
 * Row shapes of the plugin's tables, snake_case as stored. Bigint columns come
 * back as strings from PostgreSQL and as numbers from SQLite: always read them
 * through `Number(...)` in the store's mappers.
 */

type Bigint = number | string;
type Timestamp = Date | string;

export type DbSourceRow = {
  id: string;
  provider: string;
  demo: boolean | number;
  status: string;
  last_run_at: Timestamp | null;
  last_success_at: Timestamp | null;
  last_error: string | null;
  rows_upserted: Bigint;
  fresh_through: string | null;
  backfilled_from: string | null;
};

export type DbRunRow = {
  id: Bigint;
  source_id: string;
  trigger: string;
  window_from: string;
  window_to: string;
  started_at: Timestamp;
  finished_at: Timestamp | null;
  status: string;
  rows_upserted: Bigint;
  rows_deleted: Bigint;
  error: string | null;
};

export type DbUsageRow = {
  id?: Bigint;
  source_id: string;
  provider: string;
  record_key: string;
  date: string;
  hour: number | null;
  account_id: string | null;
  project_id: string | null;
  resource_id: string | null;
  api_key_id: string | null;
  user_id: string | null;
  region: string | null;
  service_tier: string | null;
  tags: string | null;
  model: string | null;
  line_item: string | null;
  /** Spend category the source stated; null when its provider kind decides. */
  category?: string | null;
  input_tokens: Bigint;
  cached_input_tokens: Bigint;
  cache_write_tokens: Bigint;
  cache_write_1h_tokens: Bigint;
  output_tokens: Bigint;
  reasoning_tokens: Bigint;
  requests: Bigint;
  cost_micros: Bigint;
  estimated_cost_micros: Bigint | null;
  currency: string;
  cost_kind: string;
  unpriced: boolean | number;
  run_id: Bigint | null;
  /** Cost in micro-units of `original_currency` before conversion; null when not converted. */
  original_cost?: Bigint | null;
  /** The billed currency when converted into `currency`; null when not converted. */
  original_currency?: string | null;
  /** The rate applied (units of `currency` per unit of `original_currency`); null when not converted. Before storing: a rate the bill stated. */
  exchange_rate?: number | null;
};

export type DbExchangeRateRow = {
  currency: string;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  period: string;
  rate: number | string;
  source: string;
  imported_by: string;
  imported_at: Timestamp;
};

export type DbAttributionKeyRow = {
  id?: Bigint;
  entity_ref: string;
  annotation: string;
  provider: string;
  dimension: string;
  value: string;
  specificity: number;
};

export type DbEntityRow = {
  entity_ref: string;
  kind: string;
  title: string | null;
  owner_ref: string | null;
  part_of: string;
  child_of: string;
  monthly_budget: string | null;
  /** Raw `ai-cost/anomaly-threshold` annotation; null when absent. */
  anomaly_threshold?: string | null;
  allocation_tags: string | null;
  cost_center: string | null;
  /** Users: JSON array of `memberOf` targets; null for other kinds. */
  member_of?: string | null;
  /** Raw `ai-cost/vendor` annotation; null when absent. */
  vendors?: string | null;
  /** JSON of the raw model policy annotations; null when none is set. */
  model_policy?: string | null;
};

export type DbIndexStateRow = {
  id: number;
  fingerprint: string;
  built_at: Timestamp;
  entity_count: number;
  problems: string;
};

export type DbDailyRow = {
  id?: Bigint;
  entity_ref: string;
  date: string;
  source_id: string;
  provider: string;
  model: string;
  /** Provider of the model when not `provider` (gateway events), else empty. */
  model_provider?: string;
  /** Spend category (`model-api`, `cloud-ai`, ...); empty on rows attributed before it existed. */
  category?: string;
  api_key_id: string;
  cost_micros: Bigint;
  estimated_only_micros: Bigint;
  input_tokens: Bigint;
  cached_input_tokens: Bigint;
  cache_write_tokens: Bigint;
  output_tokens: Bigint;
  reasoning_tokens: Bigint;
  requests: Bigint;
  conflict: boolean | number;
  /** JSON object of allocation tag values, sorted keys. */
  allocation_tags: string;
  split_rule_id: string;
  split_method: string;
  /** Share of the cost in micro-units of `original_currency` before conversion; null when not converted. */
  original_cost?: Bigint | null;
  /** The billed currency of converted spend; null when not converted. */
  original_currency?: string | null;
};

/** An entity's attributed cost of a day over all sources (migration 20261209000001). */
export type DbEntityDailyRow = {
  date: string;
  entity_ref: string;
  cost_micros: Bigint;
};

/** Cost per source, day and allocation tag value (migration 20261209000000). */
export type DbTagDailyRow = {
  source_id: string;
  date: string;
  /** Empty on the row of all spend of the source and day. */
  tag_key: string;
  tag_value: string;
  /** Attributed and unallocated cost. */
  cost_micros: Bigint;
  /** The part of `cost_micros` no entity claims. */
  unallocated_micros: Bigint;
};

export type DbUnallocatedRow = {
  id?: Bigint;
  date: string;
  source_id: string;
  provider: string;
  dimension: string;
  value: string;
  model: string;
  /** Spend category; empty on rows attributed before it existed. */
  category?: string;
  cost_micros: Bigint;
  input_tokens: Bigint;
  cached_input_tokens: Bigint;
  cache_write_tokens: Bigint;
  output_tokens: Bigint;
  requests: Bigint;
  allocation_tags: string;
  /** Cost in micro-units of `original_currency` before conversion; null when not converted. */
  original_cost?: Bigint | null;
  /** The billed currency of converted spend; null when not converted. */
  original_currency?: string | null;
};

export type DbBudgetRow = {
  entity_ref: string;
  /** `environment:staging`; empty for the overall budget. */
  scope: string;
  amount_micros: Bigint;
  currency: string;
  period: string;
  thresholds: string;
  updated_by: string;
  updated_at: Timestamp;
};

export type DbBudgetAlertRow = {
  id?: Bigint;
  entity_ref: string;
  /** Scope of the budget; empty for the overall budget. */
  scope: string;
  period_start: string;
  threshold: string;
  basis: string;
  spent_micros: Bigint;
  budget_micros: Bigint;
  projected_date: string | null;
  fired_at: Timestamp;
};

export type DbAnomalyRow = {
  id?: Bigint;
  entity_ref: string;
  model: string;
  start_date: string;
  end_date: string;
  expected_micros: Bigint;
  actual_micros: Bigint;
  impact_micros: Bigint;
  impact_pct: number;
  severity: string;
  root_causes: string;
  status: string;
  feedback: string | null;
  feedback_by: string | null;
  feedback_at: Timestamp | null;
  feedback_comment: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};

export type DbRecommendationRow = {
  id?: Bigint;
  entity_ref: string;
  rule: string;
  fingerprint: string;
  title: string;
  description: string | null;
  evidence: string;
  estimated_monthly_savings_micros: Bigint;
  confidence: string;
  status: string;
  snoozed_until: Timestamp | null;
  decided_by: string | null;
  decision_reason: string | null;
  decided_at: Timestamp | null;
  stale_since: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
};
