/**
 * Number formatting for people, with `Intl.NumberFormat`. Amounts arrive from
 * the API as decimal numbers of major currency units.
 */

const DEFAULT_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(
  locale: string,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat(locale, options);
    formatters.set(key, cached);
  }
  return cached;
}

function isSubCent(value: number): boolean {
  return value !== 0 && Math.abs(value) < 0.01;
}

/**
 * An amount with two decimals, `$1,234.57`. Amounts under one cent keep two
 * significant digits (`$0.0042`) so they are not shown as `$0.00`.
 */
export function formatCurrency(
  value: number,
  currency: string,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(
    locale,
    isSubCent(value)
      ? { style: 'currency', currency, maximumSignificantDigits: 2 }
      : {
          style: 'currency',
          currency,
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        },
  ).format(value);
}

/** A change in money with its sign, `+$234.57` / `-$12.00`; zero has none. */
export function formatCurrencyChange(
  value: number,
  currency: string,
  locale = DEFAULT_LOCALE,
): string {
  const text = formatCurrency(Math.abs(value), currency, locale);
  if (value > 0) return `+${text}`;
  if (value < 0) return `-${text}`;
  return text;
}

/**
 * A unit price such as cost per request or per 1K tokens: under ten cents it
 * keeps three significant digits (`$0.0199`), above it two decimals.
 */
export function formatUnitCost(
  value: number,
  currency: string,
  locale = DEFAULT_LOCALE,
): string {
  if (value === 0 || Math.abs(value) >= 0.1) {
    return formatCurrency(value, currency, locale);
  }
  return formatter(locale, {
    style: 'currency',
    currency,
    maximumSignificantDigits: 3,
  }).format(value);
}

/** A short amount for chart axes, `$1.2K`. */
export function formatCompactCurrency(
  value: number,
  currency: string,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(locale, {
    style: 'currency',
    currency,
    notation: 'compact',
    minimumFractionDigits: 0,
    maximumFractionDigits: 1,
  }).format(value);
}

/** Token and request counts, compact: `950`, `12.5K`, `1.2M`, `3.4B`. */
export function formatCompactNumber(
  value: number,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(locale, {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(value);
}

/** A whole count with grouping, `152,340`. */
export function formatInteger(value: number, locale = DEFAULT_LOCALE): string {
  return formatter(locale, { maximumFractionDigits: 0 }).format(value);
}

/** A ratio as a signed percentage with one decimal, `+23.5%`, `-4.0%`. */
export function formatPercentChange(
  ratio: number,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(ratio);
}

/** A share as a percentage with one decimal, `64.8%`. */
export function formatShare(ratio: number, locale = DEFAULT_LOCALE): string {
  return formatter(locale, {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(ratio);
}

/** The change from `previous` to `current`; `ratio` is null when there was nothing before. */
export function change(
  current: number,
  previous: number,
): { delta: number; ratio: number | null } {
  const delta = Math.round((current - previous) * 1e6) / 1e6;
  return { delta, ratio: previous > 0 ? delta / previous : null };
}

/** A number as people write it, up to `maximumFractionDigits` decimals: `120,000`, `42.5`, `0.04`. */
export function formatNumber(
  value: number,
  maximumFractionDigits = 4,
  locale = DEFAULT_LOCALE,
): string {
  return formatter(locale, { maximumFractionDigits }).format(value);
}

/** A fraction of a budget as a percentage, decimals only when needed: `80%`, `33.3%`, `120%`. */
export function formatFraction(ratio: number, locale = DEFAULT_LOCALE): string {
  return formatter(locale, {
    style: 'percent',
    maximumFractionDigits: 1,
  }).format(ratio);
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` UTC day, short: `Nov 25`, or `Nov 25, 2026` with `withYear`. */
export function formatDay(
  day: string,
  options: { withYear?: boolean } = {},
  locale = DEFAULT_LOCALE,
): string {
  const key = `${locale}|day|${options.withYear ? 'y' : ''}`;
  let cached = dayFormatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(locale, {
      month: 'short',
      day: 'numeric',
      ...(options.withYear ? { year: 'numeric' } : {}),
      timeZone: 'UTC',
    });
    dayFormatters.set(key, cached);
  }
  return cached.format(new Date(`${day}T00:00:00Z`));
}

/** `openai/gpt-4o` → `{ provider: 'openai', rest: 'gpt-4o' }`, as anomalies name models and keys. */
export function splitProviderKey(key: string): {
  provider: string;
  rest: string;
} {
  const slash = key.indexOf('/');
  return slash < 0
    ? { provider: key, rest: '' }
    : { provider: key.slice(0, slash), rest: key.slice(slash + 1) };
}

/** `avgInputTokens` → `Avg input tokens`, `cost_last30Days` → `Cost last 30 days`. */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([a-z]{2})(\d)/g, '$1 $2')
    .trim()
    .toLocaleLowerCase('en-US');
  return words.charAt(0).toLocaleUpperCase('en-US') + words.slice(1);
}
