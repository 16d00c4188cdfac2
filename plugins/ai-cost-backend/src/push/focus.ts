import {
  dayOf,
  FIRST_SUPPORTED_DAY,
  LAST_SUPPORTED_DAY,
  microsFromDecimalString,
  MoneyParseError,
  type AiSpendCategory,
} from '@ai-cost/plugin-ai-cost-common';
import type { CsvRecord } from './csv';
import { focusProviderKind } from './providers';
import { parseTimestamp } from './timestamps';

/** One FOCUS row mapped onto usage dimensions, as stored. Money in micro-units. */
export interface FocusRow {
  /** CSV line of the row (the header is line 1). */
  line: number;
  /** UTC day of ChargePeriodStart. */
  date: string;
  /** Provider kind: aws, gcp, azure, openai, anthropic, or focus. */
  provider: string;
  providerName: string | null;
  serviceName: string | null;
  chargeCategory: string | null;
  accountId: string | null;
  projectId: string | null;
  resourceId: string | null;
  region: string | null;
  tags: Record<string, string> | null;
  model: string | null;
  lineItem: string | null;
  /** `self-hosted` for GPU / accelerator compute (classification), else null: the provider kind decides. */
  category?: AiSpendCategory | null;
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  requests: number;
  /** BilledCost: the invoiced amount; negative for credits. */
  billedCost: number;
  /** EffectiveCost (amortized), when given. */
  effectiveCost: number | null;
  /** ListCost (at list prices), when given; the usage record's estimate. */
  listCost: number | null;
  currency: string;
}

export type FocusRowResult =
  | { ok: true; row: FocusRow; warnings: string[] }
  | { ok: false; errors: string[] };

/** Columns a row cannot be imported without (all Mandatory in FOCUS 1.2). */
export const REQUIRED_FOCUS_COLUMNS = [
  'ChargePeriodStart',
  'BilledCost',
  'BillingCurrency',
] as const;

/** FOCUS 1.2 ChargeCategory values. */
const CHARGE_CATEGORIES = ['Usage', 'Purchase', 'Tax', 'Credit', 'Adjustment'];

/** Custom (`x_`) columns some exports name the model in, in order of preference. */
const MODEL_COLUMNS = ['x_Model', 'x_ModelId', 'x_ModelName'];

/** A file that cannot be read as FOCUS at all (header problems). */
export class FocusFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FocusFileError';
  }
}

/** Where each column is, matched case-insensitively as exports differ. */
export class FocusColumns {
  readonly #index = new Map<string, number>();

  /** Reads the header line; throws {@link FocusFileError} for missing columns. */
  static fromHeader(header: CsvRecord): FocusColumns {
    const columns = new FocusColumns(header.fields);
    const missing = REQUIRED_FOCUS_COLUMNS.filter(c => !columns.has(c));
    if (missing.length > 0) {
      throw new FocusFileError(
        `line ${
          header.line
        }: the header lacks the FOCUS column(s) ${missing.join(
          ', ',
        )}; found ${header.fields.map(f => JSON.stringify(f)).join(', ')}`,
      );
    }
    return columns;
  }

  readonly count: number;
  readonly #names: string[];

  private constructor(names: string[]) {
    this.count = names.length;
    this.#names = names;
    names.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!this.#index.has(key)) this.#index.set(key, i);
    });
  }

  /** The header name of a column, by position. */
  nameOf(index: number): string | undefined {
    return this.#names[index]?.trim() || undefined;
  }

  has(name: string): boolean {
    return this.#index.has(name.toLowerCase());
  }

  /**
   * The trimmed value of a column; null when absent, empty or `NULL`
   * (real exports write an unquoted NULL for empty cells).
   */
  get(fields: string[], name: string): string | null {
    const i = this.#index.get(name.toLowerCase());
    if (i === undefined) return null;
    const value = fields[i]?.trim();
    return value && value.toUpperCase() !== 'NULL' ? value : null;
  }
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A quantity unit that counts tokens, and how many tokens one unit is. */
export function tokenUnitMultiplier(unit: string | null): number | undefined {
  if (!unit) return undefined;
  const match =
    /^(?:(\d+(?:\.\d+)?)\s*([kKmM])?\s+)?(?:([kKmM])\s+)?tokens?$/i.exec(
      unit.trim(),
    );
  if (!match) return undefined;
  const scale = (letter?: string) => {
    if (!letter) return 1;
    return letter.toLowerCase() === 'k' ? 1e3 : 1e6;
  };
  return Number(match[1] ?? 1) * scale(match[2]) * scale(match[3]);
}

function isRequestUnit(unit: string | null): boolean {
  return (
    !!unit && /^(?:1\s+)?(requests?|calls?|api calls?)$/i.test(unit.trim())
  );
}

type TokenField =
  | 'inputTokens'
  | 'cachedInputTokens'
  | 'cacheWriteTokens'
  | 'outputTokens';

/**
 * Which token type a row's quantity counts, from `x_TokenType` or the words
 * of SkuMeter, ChargeDescription and SkuId; undefined when they do not say.
 */
export function classifyTokens(text: string):
  | {
      field: TokenField;
      reasoning?: boolean;
    }
  | undefined {
  const t = text.toLowerCase();
  if (/cache[\s_-]*(read|hit)|cached/.test(t)) {
    return { field: 'cachedInputTokens' };
  }
  if (/cache[\s_-]*(write|creation|create)/.test(t)) {
    return { field: 'cacheWriteTokens' };
  }
  if (/reasoning/.test(t)) return { field: 'outputTokens', reasoning: true };
  if (/output|completion|generated/.test(t)) return { field: 'outputTokens' };
  if (/input|prompt/.test(t)) return { field: 'inputTokens' };
  return undefined;
}

/** FOCUS Tags: a JSON object; valueless tags are `true`, values become strings. */
function parseTags(text: string): Record<string, string> | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'is not valid JSON';
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'is not a JSON object';
  }
  const tags: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (value === null || value === undefined) continue;
    tags[key] =
      typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return tags;
}

function truncate(text: string | null, max: number): string | null {
  if (text === null) return null;
  return text.length > max ? text.slice(0, max) : text;
}

/**
 * The usage line item of a row: what was charged (ChargeDescription,
 * SkuMeter or SkuId) under its ServiceName, prefixed with ProviderName for
 * providers stored as `focus` and with the ChargeCategory unless it is
 * Usage, so that credits and taxes stay visible as their own records.
 */
function lineItemOf(options: {
  provider: string;
  providerName: string | null;
  serviceName: string | null;
  chargeCategory: string | null;
  detail: string | null;
}): string | null {
  const parts = [
    options.provider === 'focus' ? options.providerName : null,
    options.serviceName,
    options.detail,
  ].filter((p): p is string => !!p);
  let text = parts.join(' / ');
  const category = options.chargeCategory;
  if (category && category.toLowerCase() !== 'usage') {
    text = text ? `${category}: ${text}` : category;
  }
  return truncate(text || null, 512);
}

/**
 * Validates and maps one FOCUS 1.2 row. Every error and warning starts with
 * `line N:` and names the column and the offending value.
 *
 * - ChargePeriodStart's UTC day is the usage day; BilledCost is the billed
 *   cost (negative for credits, kept as such), in BillingCurrency (an ISO
 *   4217 code; another currency than the reporting one is converted when
 *   stored as usage); EffectiveCost and ListCost are kept too.
 * - ProviderName picks the provider kind (see `focusProviderKind`);
 *   SubAccountId is the account (the project for Google Cloud, whose
 *   BillingAccountId is then the account), ResourceId, RegionId and Tags
 *   map as named.
 * - ConsumedQuantity counts tokens when ConsumedUnit is a token unit
 *   (`Tokens`, `1000 Tokens`, `1M Tokens`) and the row says which kind;
 *   requests when it is `Requests`.
 */
export function mapFocusRow(
  record: CsvRecord,
  columns: FocusColumns,
  options: { currency: string },
): FocusRowResult {
  const { line, fields } = record;
  const errors: string[] = [];
  const warnings: string[] = [];
  const at = (message: string) => `line ${line}: ${message}`;
  if (fields.length !== columns.count) {
    return {
      ok: false,
      errors: [
        at(
          `expected ${columns.count} fields like the header, found ${fields.length}`,
        ),
      ],
    };
  }
  const get = (name: string) => columns.get(fields, name);

  const money = (name: string, required: boolean): number | null => {
    const text = get(name);
    if (text === null) {
      if (required) errors.push(at(`${name} is required`));
      return null;
    }
    if (!DECIMAL.test(text)) {
      errors.push(
        at(`${name} ${JSON.stringify(text)} is not a decimal number`),
      );
      return null;
    }
    try {
      return microsFromDecimalString(text);
    } catch (error) {
      if (!(error instanceof MoneyParseError)) throw error;
      errors.push(at(`${name} ${JSON.stringify(text)} is out of range`));
      return null;
    }
  };

  const start = get('ChargePeriodStart');
  let date: string | undefined;
  if (start === null) {
    errors.push(at('ChargePeriodStart is required'));
  } else {
    const instant = parseTimestamp(start);
    if (instant) {
      date = dayOf(instant);
      if (date < FIRST_SUPPORTED_DAY || date > LAST_SUPPORTED_DAY) {
        errors.push(
          at(
            `ChargePeriodStart ${JSON.stringify(
              start,
            )} is outside ${FIRST_SUPPORTED_DAY} to ${LAST_SUPPORTED_DAY}`,
          ),
        );
        date = undefined;
      }
    } else {
      errors.push(
        at(
          `ChargePeriodStart ${JSON.stringify(
            start,
          )} is not an ISO 8601 date-time`,
        ),
      );
    }
  }

  const billedCost = money('BilledCost', true);
  const effectiveCost = money('EffectiveCost', false);
  const listCost = money('ListCost', false);

  const currency = get('BillingCurrency');
  if (currency === null) {
    errors.push(at('BillingCurrency is required'));
  } else if (!/^[A-Z]{3}$/.test(currency.toUpperCase())) {
    errors.push(
      at(
        `BillingCurrency ${JSON.stringify(
          currency,
        )} is not an ISO 4217 currency code`,
      ),
    );
  }

  let chargeCategory = get('ChargeCategory');
  if (chargeCategory !== null) {
    const known = CHARGE_CATEGORIES.find(
      c => c.toLowerCase() === chargeCategory!.toLowerCase(),
    );
    if (known) chargeCategory = known;
    else {
      errors.push(
        at(
          `ChargeCategory ${JSON.stringify(
            chargeCategory,
          )} is not one of ${CHARGE_CATEGORIES.join(', ')}`,
        ),
      );
    }
  }

  let tags: Record<string, string> | null = null;
  const tagsText = get('Tags');
  if (tagsText !== null) {
    const parsed = parseTags(tagsText);
    if (typeof parsed === 'string') errors.push(at(`Tags ${parsed}`));
    else if (Object.keys(parsed).length > 0) tags = parsed;
  }

  const quantityText = get('ConsumedQuantity');
  let quantity: number | null = null;
  if (quantityText !== null) {
    if (DECIMAL.test(quantityText)) quantity = Number(quantityText);
    else {
      errors.push(
        at(
          `ConsumedQuantity ${JSON.stringify(
            quantityText,
          )} is not a decimal number`,
        ),
      );
    }
  }

  if (errors.length > 0 || date === undefined || billedCost === null) {
    return { ok: false, errors };
  }

  const providerName = get('ProviderName');
  const provider = focusProviderKind(providerName);
  const subAccount = get('SubAccountId');
  const billingAccount = get('BillingAccountId');
  const serviceName = get('ServiceName');
  const skuMeter = get('SkuMeter');
  const chargeDescription = get('ChargeDescription');
  const skuId = get('SkuId');

  const row: FocusRow = {
    line,
    date,
    provider,
    providerName: truncate(providerName, 255),
    serviceName: truncate(serviceName, 255),
    chargeCategory,
    accountId: truncate(
      provider === 'gcp' ? billingAccount : subAccount ?? billingAccount,
      255,
    ),
    projectId: truncate(provider === 'gcp' ? subAccount : null, 255),
    resourceId: truncate(get('ResourceId'), 1024),
    region: truncate(get('RegionId'), 64),
    tags,
    model: truncate(MODEL_COLUMNS.map(get).find(v => v !== null) ?? null, 255),
    lineItem: lineItemOf({
      provider,
      providerName,
      serviceName,
      chargeCategory,
      detail: chargeDescription ?? skuMeter ?? skuId,
    }),
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    billedCost,
    effectiveCost,
    listCost,
    // Another currency than aiCost.currency is converted on its way into
    // the usage table at the row day's rate (DESIGN §9.3).
    currency: currency?.toUpperCase() ?? options.currency,
  };

  const unit = get('ConsumedUnit');
  const multiplier = tokenUnitMultiplier(unit);
  if (quantity !== null && quantity !== 0 && multiplier !== undefined) {
    const tokens = Math.round(quantity * multiplier);
    const kind = classifyTokens(
      [get('x_TokenType'), skuMeter, chargeDescription, skuId]
        .filter(Boolean)
        .join(' '),
    );
    if (tokens < 0 || !Number.isSafeInteger(tokens)) {
      warnings.push(
        at(
          `ConsumedQuantity ${quantityText} ${unit} is not counted as tokens: token counts cannot be negative`,
        ),
      );
    } else if (!kind) {
      warnings.push(
        at(
          `ConsumedQuantity ${quantityText} ${unit} is not counted as tokens: SkuMeter, ChargeDescription and SkuId do not say whether they are input, output or cache tokens (add x_TokenType)`,
        ),
      );
    } else {
      row[kind.field] = tokens;
      if (kind.reasoning) row.reasoningTokens = tokens;
    }
  } else if (quantity !== null && isRequestUnit(unit)) {
    if (quantity >= 0 && Number.isSafeInteger(Math.round(quantity))) {
      row.requests = Math.round(quantity);
    }
  }
  return { ok: true, row, warnings };
}
