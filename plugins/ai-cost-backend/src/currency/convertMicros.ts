/**
 * Converts micro-units of a foreign currency into micro-units of the
 * reporting currency: `micros × rate`, computed exactly (the rate's decimal
 * digits as an integer ratio, no floating point) and rounded once to a whole
 * micro-unit, half away from zero like every other amount the plugin parses
 * (`microsFromDecimalString`), so a refund converts to exactly the negative
 * of the same charge.
 */
export function convertMicros(micros: number, rate: number): number {
  if (!Number.isSafeInteger(micros)) {
    throw new Error(`${micros} is not integer micro-units`);
  }
  if (!Number.isFinite(rate) || rate <= 0) {
    throw new Error(`Exchange rate ${rate} is not a positive finite number`);
  }
  const { numerator, scale } = decimalRatio(rate);
  const product = BigInt(micros) * numerator;
  const divisor = 10n ** scale;
  const negative = product < 0n;
  const magnitude = negative ? -product : product;
  let quotient = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) quotient += 1n;
  const result = Number(negative ? -quotient : quotient);
  if (!Number.isSafeInteger(result)) {
    throw new Error(
      `${micros} micro-units at rate ${rate} exceed the largest storable amount`,
    );
  }
  return result === 0 ? 0 : result; // no -0
}

/** A positive number's shortest decimal form as `numerator / 10^scale`. */
function decimalRatio(rate: number): { numerator: bigint; scale: bigint } {
  const [mantissa, exponentText] = String(rate).toLowerCase().split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  let scale = BigInt(fraction.length) - BigInt(exponentText ?? 0);
  let numerator = BigInt(`${whole}${fraction}`);
  if (scale < 0n) {
    numerator *= 10n ** -scale;
    scale = 0n;
  }
  return { numerator, scale };
}
