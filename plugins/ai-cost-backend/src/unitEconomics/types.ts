/** A metric's values per value of an allocation tag, in micro-units. */
export interface TagMetricValues {
  info: { metric: string; unit: string | null; money: boolean; per: number };
  /** Over the window; the key `null` holds values without the tag. */
  current: Map<string | null, number>;
  /** Over the window of equal length before it. */
  previous: Map<string | null, number>;
}
