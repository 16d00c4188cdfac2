/** Status of a configured billing source. @public */
export type SourceStatus = 'never-run' | 'running' | 'succeeded' | 'failed';

/** One entry of `GET /sources`. @public */
export interface SourceInfo {
  id: string;
  provider: string;
  status: SourceStatus;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  rowsUpserted: number;
  /** The last day fully covered by a successful run. */
  freshThrough: string | null;
  /** True for the synthetic demo source. */
  demo?: boolean;
}
