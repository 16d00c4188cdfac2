/**
 * Money in AI Cost is never a float in storage: amounts are integer
 * micro-units (1e-6) of the reporting currency. These helpers convert the
 * awkward shapes providers send (dollars as JSON numbers, cents as decimal
 * strings, dollar strings) exactly, and format micro-units for people.
 */

/** Number of micro-units in one currency unit. @public */
export const MICROS_PER_UNIT = 1_000_000;

/** Thrown when an amount cannot be parsed; the message names the input. @public */
export class MoneyParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyParseError';
  }
}

const DECIMAL = /^([+-])?(\d+)(?:\.(\d+))?$/;
const DECIMAL_WITH_EXPONENT = /^([+-])?(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/;

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

/**
 * A decimal number exactly: `digits` with the decimal point `scale` places
 * from the right (`"123.78912"` is digits `12378912`, scale 5).
 */
interface ExactDecimal {
  negative: boolean;
  digits: string;
  scale: number;
}

/** Parses a plain or exponent decimal string (already trimmed) exactly. */
function parseDecimal(text: string, what: string): ExactDecimal {
  let sign = '';
  let digits: string;
  let fraction: string;
  const plain = DECIMAL.exec(text);
  if (plain) {
    sign = plain[1] ?? '';
    digits = plain[2];
    fraction = plain[3] ?? '';
  } else {
    const exp = DECIMAL_WITH_EXPONENT.exec(text);
    if (!exp) {
      throw new MoneyParseError(
        `Invalid ${what} ${describe(text)}: expected a decimal number`,
      );
    }
    sign = exp[1] ?? '';
    const mantissa = exp[2] + (exp[3] ?? '');
    const pointAt = exp[2].length + Number(exp[4]);
    const padded =
      pointAt <= 0
        ? '0'.repeat(1 - pointAt) + mantissa
        : mantissa.padEnd(pointAt, '0');
    const at = Math.max(pointAt, 1);
    digits = padded.slice(0, at);
    fraction = padded.slice(at);
  }
  return {
    negative: sign === '-',
    digits: digits + fraction,
    scale: fraction.length,
  };
}

/** The exact sum of decimals, brought to their largest scale. */
function addDecimals(values: readonly ExactDecimal[]): ExactDecimal {
  const scale = values.reduce((max, v) => Math.max(max, v.scale), 0);
  let sum = 0n;
  for (const value of values) {
    const scaled = BigInt(value.digits) * 10n ** BigInt(scale - value.scale);
    sum += value.negative ? -scaled : scaled;
  }
  const negative = sum < 0n;
  const digits = (negative ? -sum : sum).toString().padStart(scale + 1, '0');
  return { negative, digits, scale };
}

/**
 * Turns an exact decimal into micro-units after shifting the decimal point
 * left by `shift` places (2 for cents), rounding half away from zero.
 * `input` names the amount in the error when it is too large.
 */
function exactToMicros(
  value: ExactDecimal,
  shift: number,
  what: string,
  input: string,
): number {
  // Shift the decimal point: value / 10^shift, then scale to micro-units (10^6).
  const all = value.digits;
  const pointPosition = all.length - value.scale + 6 - shift; // index in `all` where the integer part of micro-units ends
  let integerPart: string;
  let rest: string;
  if (pointPosition >= all.length) {
    integerPart = all.padEnd(pointPosition, '0');
    rest = '';
  } else if (pointPosition <= 0) {
    integerPart = '0';
    rest = '0'.repeat(-pointPosition) + all;
  } else {
    integerPart = all.slice(0, pointPosition);
    rest = all.slice(pointPosition);
  }
  let micros = Number(integerPart);
  if (rest.length > 0 && rest[0] >= '5') micros += 1;
  if (!Number.isSafeInteger(micros)) {
    throw new MoneyParseError(`Invalid ${what} ${input}: amount is too large`);
  }
  if (micros === 0) return 0;
  return value.negative ? -micros : micros;
}

/**
 * Turns a plain decimal string into micro-units after shifting the decimal
 * point left by `shift` places (2 for cents), rounding half away from zero.
 */
function decimalToMicros(text: string, shift: number, what: string): number {
  return exactToMicros(parseDecimal(text, what), shift, what, describe(text));
}

/**
 * Dollars (or any major unit) given as a JSON number, e.g. OpenAI's
 * `amount.value` of `10.1425634`. The number's shortest decimal form is used,
 * so no binary floating point error creeps in: `10.1425634` → `10142563`.
 * @public
 */
export function microsFromNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new MoneyParseError(
      `Invalid amount ${describe(value)}: expected a finite number`,
    );
  }
  return decimalToMicros(String(value), 0, 'amount');
}

/**
 * Major units given as a decimal string, e.g. AWS Cost Explorer's
 * `"1.2345"` dollars.
 * @public
 */
export function microsFromDecimalString(value: unknown): number {
  if (typeof value !== 'string') {
    throw new MoneyParseError(
      `Invalid amount ${describe(value)}: expected a decimal string`,
    );
  }
  return decimalToMicros(value.trim(), 0, 'amount');
}

/**
 * Minor units (cents) given as a decimal string, e.g. Anthropic's cost
 * report `amount` of `"123.78912"` cents, which is $1.2378912.
 * @public
 */
export function microsFromCentsString(value: unknown): number {
  if (typeof value !== 'string') {
    throw new MoneyParseError(
      `Invalid cents amount ${describe(value)}: expected a decimal string`,
    );
  }
  return decimalToMicros(value.trim(), 2, 'cents amount');
}

/** The unit decimal strings are in: major units (dollars) or cents. @public */
export type DecimalStringUnit = 'major' | 'cents';

/**
 * The exact sum of decimal strings in micro-units, rounded once (half away
 * from zero) after adding, never per value: Anthropic's cost rows
 * `["0.00003", "0.00003"]` cents are 1 micro-dollar together although each
 * alone rounds to 0. `unit` says whether the strings are major units (as for
 * {@link microsFromDecimalString}) or cents (as for
 * {@link microsFromCentsString}); each value is read as those read it. An
 * empty list sums to 0.
 * @public
 */
export function microsFromDecimalStringSum(
  values: readonly unknown[],
  unit: DecimalStringUnit,
): number {
  const what = unit === 'cents' ? 'cents amount' : 'amount';
  const parsed = values.map(value => {
    if (typeof value !== 'string') {
      throw new MoneyParseError(
        `Invalid ${what} ${describe(value)}: expected a decimal string`,
      );
    }
    return parseDecimal(value.trim(), what);
  });
  return exactToMicros(
    addDecimals(parsed),
    unit === 'cents' ? 2 : 0,
    what,
    `sum of ${JSON.stringify(values)}`,
  );
}

/**
 * An amount of money in integer micro-units (1e-6) of the reporting
 * currency: how the backend stores and computes money. Only the API edge
 * turns it into a decimal number of currency units ({@link microsToNumber}).
 * @public
 */
export type Micros = number;

/**
 * Micro-units to a decimal number of major units, for JSON responses.
 * Exact for any amount below 2^53 micro-units' precision of six decimals.
 * @public
 */
export function microsToNumber(micros: Micros): number {
  return Number((micros / MICROS_PER_UNIT).toFixed(6));
}

/** Micro-units to an exact decimal string with six places, e.g. `"-0.010000"`. @public */
export function microsToDecimalString(micros: number): string {
  if (!Number.isSafeInteger(micros)) {
    throw new MoneyParseError(
      `Invalid micro-units ${describe(micros)}: expected a safe integer`,
    );
  }
  const negative = micros < 0;
  const abs = String(Math.abs(micros)).padStart(7, '0');
  const text = `${abs.slice(0, -6)}.${abs.slice(-6)}`;
  return negative ? `-${text}` : text;
}

/**
 * Formats micro-units as currency for people, e.g. `$1,234.57`; amounts under
 * one cent keep up to four decimals so `$0.0004` is not shown as `$0.00`.
 * @public
 */
export function formatMoney(
  micros: number,
  currency = 'USD',
  locale = 'en-US',
): string {
  const value = micros / MICROS_PER_UNIT;
  const small = value !== 0 && Math.abs(value) < 0.01;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2,
  }).format(value);
}

/**
 * Splits `total` micro-units into integer parts proportional to `weights`,
 * so that the parts always sum to exactly `total` (largest remainder method).
 * Equal weights split evenly; all-zero weights split evenly too.
 * @public
 */
export function allocateMicros(total: number, weights: number[]): number[] {
  if (weights.length === 0) return [];
  const safeWeights = weights.map(w => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = safeWeights.reduce((a, b) => a + b, 0);
  const effective = sum > 0 ? safeWeights : safeWeights.map(() => 1);
  const effectiveSum = sum > 0 ? sum : effective.length;
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const exact = effective.map(w => (abs * w) / effectiveSum);
  const parts = exact.map(Math.floor);
  let remainder = abs - parts.reduce((a, b) => a + b, 0);
  const order = exact
    .map((value, index) => ({ index, fraction: value - Math.floor(value) }))
    .sort((a, b) => b.fraction - a.fraction || a.index - b.index);
  for (let i = 0; remainder > 0; i = (i + 1) % order.length, remainder--) {
    parts[order[i].index] += 1;
  }
  return parts.map(p => (p === 0 ? 0 : sign * p));
}
