/**
 * Small, dependency-free statistics used by the forecast and the anomaly
 * detector. All functions take plain numbers and never mutate their input.
 */

/** Consistency constant that turns a MAD into a standard deviation for normal data. */
export const MAD_TO_SIGMA = 1.4826;

/** Arithmetic mean; `NaN` for an empty list. */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/**
 * Quantile `q` (0..1) with linear interpolation between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy); `NaN` for an empty list.
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Median (the mean of the two middle values for an even count); `NaN` when empty. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** Median absolute deviation from the median (unscaled); `NaN` when empty. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const center = median(values);
  return median(values.map(v => Math.abs(v - center)));
}
