/**
 * Row shapes of the push tables (gateway events and FOCUS files),
 * snake_case as stored. Bigint columns come back as strings from PostgreSQL:
 * read them through `Number(...)`.
 */

import type { BulkColumn } from './bulkInsert';

type Bigint = number | string;
type Timestamp = Date | string;

export type DbPushEventRow = {
  id?: Bigint;
  source_id: string;
  event_id: string;
  content_hash: string;
  format: string;
  occurred_at: string;
  date: string;
  upstream_provider: string | null;
  model: string | null;
  api_key_id: string | null;
  user_id: string | null;
  tags: string | null;
  input_tokens: Bigint;
  cached_input_tokens: Bigint;
  cache_write_tokens: Bigint;
  output_tokens: Bigint;
  reasoning_tokens: Bigint;
  requests: Bigint;
  cost_micros: Bigint;
  estimated_cost_micros: Bigint | null;
  currency: string;
  cost_kind: string;
  unpriced: boolean | number;
  received_at: Timestamp;
};

/** Every written column of `ai_cost_push_events` and its PostgreSQL type. */
export const PUSH_EVENT_COLUMNS: ReadonlyArray<BulkColumn<DbPushEventRow>> = [
  ['source_id', 'text'],
  ['event_id', 'text'],
  ['content_hash', 'text'],
  ['format', 'text'],
  ['occurred_at', 'text'],
  ['date', 'text'],
  ['upstream_provider', 'text'],
  ['model', 'text'],
  ['api_key_id', 'text'],
  ['user_id', 'text'],
  ['tags', 'text'],
  ['input_tokens', 'bigint'],
  ['cached_input_tokens', 'bigint'],
  ['cache_write_tokens', 'bigint'],
  ['output_tokens', 'bigint'],
  ['reasoning_tokens', 'bigint'],
  ['requests', 'bigint'],
  ['cost_micros', 'bigint'],
  ['estimated_cost_micros', 'bigint'],
  ['currency', 'text'],
  ['cost_kind', 'text'],
  ['unpriced', 'boolean'],
  ['received_at', 'timestamptz'],
];

export type DbFocusFileRow = {
  id?: Bigint;
  source_id: string;
  file_id: string;
  sha256: string;
  rows: number;
  billed_cost_micros: Bigint;
  effective_cost_micros: Bigint;
  list_cost_micros: Bigint;
  first_day: string | null;
  last_day: string | null;
  imported_by: string;
  imported_at: Timestamp;
  /** `all` or `ai:<rules fingerprint>`. */
  row_selection: string;
  skipped_rows: number;
  skipped_billed_cost_micros: Bigint;
  /** JSON array of `{ serviceName, rows, billedCost }` (micro-units). */
  skipped_services: string | null;
};

export type DbFocusRow = {
  id?: Bigint;
  source_id: string;
  file_id: string;
  line: number;
  date: string;
  provider: string;
  provider_name: string | null;
  service_name: string | null;
  charge_category: string | null;
  account_id: string | null;
  project_id: string | null;
  resource_id: string | null;
  region: string | null;
  tags: string | null;
  model: string | null;
  line_item: string | null;
  /** `self-hosted` for GPU compute, else null (the provider kind decides). */
  category?: string | null;
  input_tokens: Bigint;
  cached_input_tokens: Bigint;
  cache_write_tokens: Bigint;
  output_tokens: Bigint;
  reasoning_tokens: Bigint;
  requests: Bigint;
  billed_cost_micros: Bigint;
  effective_cost_micros: Bigint | null;
  list_cost_micros: Bigint | null;
  currency: string;
};
