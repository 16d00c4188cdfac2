import {
  microsFromDecimalString,
  microsFromNumber,
} from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type { QueryResult } from './schemas';

/** Provider kind of every record. */
export const AZURE_PROVIDER = 'azure';

/** @public */
export type AzureTokenType = 'input' | 'output' | 'cacheRead';

/** What a meter name says about model and token type. @public */
export interface MeterInfo {
  model: string | null;
  tokenType: AzureTokenType | null;
}

const CACHED = new Set(['cached', 'cchd', 'cache', 'cached-input']);
const INPUT = new Set(['inp', 'input', 'prompt', 'in']);
const OUTPUT = new Set(['outp', 'output', 'completion', 'out']);
/** Words that end the model part of a meter name. */
const STOP = new Set([
  ...CACHED,
  ...INPUT,
  ...OUTPUT,
  'tokens',
  'token',
  'glbl',
  'global',
  'regnl',
  'regional',
  'dzone',
  'datazone',
  'data',
  'batch',
  'ft',
  'training',
  'hosting',
  'hours',
  'hour',
  '1k',
  '1m',
]);
const MODEL_START =
  /^(?:gpt|o\d|text|dall|whisper|tts|davinci|babbage|ada|codex|embedding|phi|llama|mistral|deepseek|grok|sora|computer)/i;

/**
 * Best-effort model and token type from an Azure OpenAI meter name (Azure
 * does not document them; see README), e.g. `gpt-4o-0806-Inp-glbl Tokens`
 * → `gpt-4o-0806`, input; `gpt 4o mini 0718 cached Input global Tokens` →
 * `gpt-4o-mini-0718`, cache read; `Az-GPT-4-Turbo-128K-Output` →
 * `gpt-4-turbo-128k`, output. Meters of other Cognitive Services
 * (Speech, Vision, …) keep a null model.
 */
export function parseMeter(meter: string | null | undefined): MeterInfo {
  if (!meter) return { model: null, tokenType: null };
  const words = meter
    .toLowerCase()
    .split(/[\s_-]+/)
    .filter(Boolean);
  let tokenType: AzureTokenType | null = null;
  if (words.some(w => CACHED.has(w))) tokenType = 'cacheRead';
  else if (words.some(w => OUTPUT.has(w))) tokenType = 'output';
  else if (words.some(w => INPUT.has(w))) tokenType = 'input';

  const start = words[0] === 'az' ? 1 : 0;
  const modelWords: string[] = [];
  for (const word of words.slice(start)) {
    if (STOP.has(word)) break;
    modelWords.push(word);
  }
  const model =
    modelWords.length > 0 && MODEL_START.test(modelWords[0])
      ? modelWords.join('-')
      : null;
  return { model, tokenType };
}

/** `20250131`, `"20250131"` or `"2025-01-31T00:00:00"` as `2025-01-31`. */
export function usageDay(value: unknown): string | undefined {
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return undefined;
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const iso = /^(\d{4}-\d{2}-\d{2})(?:T.*)?$/.exec(text);
  return iso ? iso[1] : undefined;
}

/** The subscription id in a resource id or scope, lower-cased. */
export function subscriptionOf(id: string | null | undefined): string | null {
  const match = id ? /\/subscriptions\/([^/]+)/i.exec(id) : null;
  return match ? match[1].toLowerCase() : null;
}

/** Reads rows by column name (case-insensitive). */
export class QueryTable {
  private readonly index = new Map<string, number>();

  constructor(readonly result: QueryResult, readonly where: string) {
    result.properties.columns.forEach((column, i) => {
      const key = column.name.toLowerCase();
      if (!this.index.has(key)) this.index.set(key, i);
    });
  }

  has(name: string): boolean {
    return this.index.has(name.toLowerCase());
  }

  /** The first of `names` that is a column; throws naming them when none is. */
  column(...names: string[]): string {
    const found = names.find(name => this.has(name));
    if (found === undefined) {
      throw new ProviderApiError(
        `${this.where}: unexpected response: properties.columns has no ${names
          .map(n => `"${n}"`)
          .join(' or ')} column (columns: ${
          this.result.properties.columns.map(c => c.name).join(', ') || 'none'
        })`,
      );
    }
    return found;
  }

  get rows() {
    return this.result.properties.rows;
  }

  cell(row: number, name: string): string | number | null {
    const i = this.index.get(name.toLowerCase());
    return i === undefined ? null : this.rows[row][i] ?? null;
  }

  /** A column's cell as a string, or null when empty. */
  text(row: number, name: string): string | null {
    const value = this.cell(row, name);
    if (value === null || value === '') return null;
    return String(value);
  }

  /** A numeric cell (cost or quantity) in micro-units. */
  micros(row: number, name: string): number {
    const value = this.cell(row, name);
    try {
      if (typeof value === 'number') return microsFromNumber(value);
      return microsFromDecimalString(value);
    } catch (error) {
      throw new ProviderApiError(
        `${
          this.where
        }: unexpected response: properties.rows.${row} (column ${name}): ${
          (error as Error).message
        }`,
      );
    }
  }

  day(row: number): string {
    const value = this.cell(row, 'UsageDate');
    const day = usageDay(value);
    if (!day) {
      throw new ProviderApiError(
        `${
          this.where
        }: unexpected response: properties.rows.${row} (column UsageDate): expected yyyymmdd, got ${JSON.stringify(
          value,
        )}`,
      );
    }
    return day;
  }
}

export interface NormalizeOptions {
  currency: string;
  window: UsageWindow;
  /** Cost column names to look for, preferred first. */
  costColumns: string[];
  /**
   * USD cost columns (`CostUSD`, `PreTaxCostUSD`) whose amount states the
   * rate of a row billed in another currency; only when `currency` is USD.
   */
  usdCostColumns?: string[];
  /** Tokens per unit of UsageQuantity for token meters. */
  tokensPerUnit: number;
  /** Subscription of the scope, for rows without a resource id. */
  scopeSubscription: string | null;
}

/**
 * The billed currency of a row (its `Currency` column, else the reporting
 * currency). Another currency than aiCost.currency is converted by the
 * backend at the usage day's rate (DESIGN §9.3).
 */
function rowCurrency(
  table: QueryTable,
  row: number,
  date: string,
  currency: string,
): string {
  const value = table.has('Currency') ? table.text(row, 'Currency') : null;
  if (!value) return currency;
  const code = value.toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new ProviderApiError(
      `${table.where}: the cost on ${date} is in "${value}", which is not an ISO 4217 currency code`,
    );
  }
  return code;
}

/**
 * The rate a row's USD amount states for its billed currency (USD per unit),
 * when the query has a USD column and both amounts are non-zero with the
 * same sign; undefined otherwise (configured or imported rates apply).
 */
function statedUsdRate(
  table: QueryTable,
  row: number,
  cost: number,
  usdColumns: string[],
): number | undefined {
  const usdColumn = usdColumns.find(name => table.has(name));
  if (!usdColumn || cost === 0 || table.cell(row, usdColumn) === null) {
    return undefined;
  }
  const usd = table.micros(row, usdColumn);
  const rate = usd / cost;
  return Number.isFinite(rate) && rate > 0 ? rate : undefined;
}

/**
 * Rows of the main query (grouped by ResourceId and Meter) as billed
 * records, without tags (see {@link tagsByResourceDay}).
 */
export function recordsFromCostRows(
  table: QueryTable,
  options: NormalizeOptions,
): UsageRecord[] {
  // An empty page need not describe its columns.
  if (table.rows.length === 0) return [];
  const costColumn = table.column(...options.costColumns);
  table.column('UsageDate');
  table.column('ResourceId');
  table.column('Meter');
  const quantityColumn = table.has('UsageQuantity') ? 'UsageQuantity' : null;
  const records: UsageRecord[] = [];
  table.rows.forEach((_, row) => {
    const date = table.day(row);
    if (date < options.window.from || date > options.window.to) return;
    const currency = rowCurrency(table, row, date, options.currency);
    const cost = table.micros(row, costColumn);
    const exchangeRate =
      currency !== options.currency && options.currency === 'USD'
        ? statedUsdRate(table, row, cost, options.usdCostColumns ?? [])
        : undefined;
    const resourceId = table.text(row, 'ResourceId')?.toLowerCase() ?? null;
    const meter = table.text(row, 'Meter');
    const info = parseMeter(meter);
    let tokens = 0;
    if (quantityColumn && info.tokenType) {
      const quantity = BigInt(table.micros(row, quantityColumn));
      const scaled = quantity * BigInt(options.tokensPerUnit);
      const whole = scaled / 1_000_000n;
      tokens = Number(
        (scaled % 1_000_000n) * 2n >= 1_000_000n ? whole + 1n : whole,
      );
      if (tokens < 0) tokens = 0;
    }
    if (cost === 0 && tokens === 0) return;
    records.push({
      date,
      accountId: subscriptionOf(resourceId) ?? options.scopeSubscription,
      resourceId,
      model: info.model,
      lineItem: meter,
      inputTokens: info.tokenType === 'input' ? tokens : 0,
      cachedInputTokens: info.tokenType === 'cacheRead' ? tokens : 0,
      outputTokens: info.tokenType === 'output' ? tokens : 0,
      cost,
      currency,
      ...(exchangeRate === undefined ? {} : { exchangeRate }),
      costKind: 'billed',
    });
  });
  return records;
}

/** Outcome of {@link recordsFromGpuRows}. */
export interface GpuRowRecords {
  records: UsageRecord[];
  /** Meters read and left out as not GPU / accelerator compute. */
  skippedMeters: string[];
}

/**
 * Rows of the GPU compute query (`Virtual Machines`, grouped by ResourceId
 * and Meter) as `self-hosted` records: only meters `isAccelerator` takes
 * (N-series GPU sizes such as `NC24ads A100 v4`), with the meter as line
 * item, no model and no tokens, in the billed currency. Tags come later
 * (see {@link tagsByResourceDay}).
 */
export function recordsFromGpuRows(
  table: QueryTable,
  options: NormalizeOptions & { isAccelerator: (meter: string) => boolean },
): GpuRowRecords {
  if (table.rows.length === 0) return { records: [], skippedMeters: [] };
  const costColumn = table.column(...options.costColumns);
  table.column('UsageDate');
  table.column('ResourceId');
  table.column('Meter');
  const records: UsageRecord[] = [];
  const skipped = new Set<string>();
  table.rows.forEach((_, row) => {
    const date = table.day(row);
    if (date < options.window.from || date > options.window.to) return;
    const meter = table.text(row, 'Meter');
    if (!meter || !options.isAccelerator(meter)) {
      skipped.add(meter ?? '(none)');
      return;
    }
    const currency = rowCurrency(table, row, date, options.currency);
    const cost = table.micros(row, costColumn);
    if (cost === 0) return;
    const exchangeRate =
      currency !== options.currency && options.currency === 'USD'
        ? statedUsdRate(table, row, cost, options.usdCostColumns ?? [])
        : undefined;
    const resourceId = table.text(row, 'ResourceId')?.toLowerCase() ?? null;
    records.push({
      date,
      accountId: subscriptionOf(resourceId) ?? options.scopeSubscription,
      resourceId,
      model: null,
      lineItem: meter,
      category: 'self-hosted',
      cost,
      currency,
      ...(exchangeRate === undefined ? {} : { exchangeRate }),
      costKind: 'billed',
    });
  });
  return { records, skippedMeters: [...skipped].sort() };
}

/**
 * Rows of a tag query (grouped by ResourceId and TagKey) as the tag value of
 * each (day, resource). When a resource changed its tag within a day (two
 * rows), the value that carried more cost wins.
 */
export function tagsByResourceDay(
  table: QueryTable,
  tagKey: string,
  costColumns: string[],
  into: Map<string, Record<string, string>>,
): void {
  if (table.rows.length === 0) return;
  const costColumn = table.column(...costColumns);
  table.column('UsageDate');
  table.column('ResourceId');
  const valueColumn = table.column('TagValue');
  const best = new Map<string, { value: string; cost: number }>();
  table.rows.forEach((_, row) => {
    const value = table.text(row, valueColumn);
    const key = table.text(row, 'TagKey');
    if (!value || (key && key.toLowerCase() !== tagKey.toLowerCase())) return;
    const resource = table.text(row, 'ResourceId')?.toLowerCase() ?? '';
    const at = `${table.day(row)}|${resource}`;
    const cost = Math.abs(table.micros(row, costColumn));
    const current = best.get(at);
    if (
      !current ||
      cost > current.cost ||
      (cost === current.cost && value < current.value)
    ) {
      best.set(at, { value, cost });
    }
  });
  for (const [at, { value }] of best) {
    const tags = into.get(at) ?? {};
    tags[tagKey] = value;
    into.set(at, tags);
  }
}
