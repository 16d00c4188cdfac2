import { microsFromDecimalString } from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import { labelsSchema, type BillingRow } from './schemas';

/** Provider kind of every record. */
export const GCP_PROVIDER = 'gcp';

/** @public */
export type GcpTokenType = 'input' | 'output' | 'cacheRead' | 'cacheWrite';

/** What a SKU description says about model and token type. @public */
export interface SkuInfo {
  model: string | null;
  tokenType: GcpTokenType | null;
  /** Thinking / reasoning output (counted in output tokens too). */
  reasoning: boolean;
}

const slug = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')
    .replace(/-+/g, '-');

/** Words that describe the token type, not the model. */
const TOKEN_WORDS =
  /\s+(?:-\s+)?(?:(?:long|short)\s+)?(?:thinking\s+|reasoning\s+)?(?:text|image|audio|video|multimodal)?\s*(?:input|output|cached|cache|prompt|response|tokens?|characters?)\b/i;

/**
 * Best-effort model and token type from a billing SKU description (Google
 * does not publish the exact strings; see README):
 *
 * - token type: "Cached …"/"Cache read" → cache read, "Cache write" → cache
 *   write, "Output"/"Response" → output ("Thinking" output also counts as
 *   reasoning), "Input"/"Prompt" → input; storage SKUs are not tokens.
 * - model: `Gemini 2.5 Flash Lite …` → `gemini-2.5-flash-lite`; partner
 *   models (`Claude 3.5 Sonnet v2 Input Tokens` → `claude-3.5-sonnet-v2`,
 *   Llama, Mistral, Gemma, …) are the text before the token-type words.
 */
export function parseSku(description: string | null | undefined): SkuInfo {
  if (!description) return { model: null, tokenType: null, reasoning: false };
  const text = description;
  let tokenType: GcpTokenType | null = null;
  if (/\bstorage\b/i.test(text)) tokenType = null;
  else if (/\bcached\b|\bcache[\s-]?(?:read|hit)s?\b/i.test(text)) {
    tokenType = 'cacheRead';
  } else if (/\bcache[\s-]?(?:write|creation)s?\b/i.test(text)) {
    tokenType = 'cacheWrite';
  } else if (/\b(?:output|response|completion)s?\b/i.test(text)) {
    tokenType = 'output';
  } else if (/\b(?:input|prompt)s?\b/i.test(text)) tokenType = 'input';

  let model: string | null = null;
  const gemini =
    /\b(gemini)[\s-]+(\d+(?:\.\d+)?)[\s-]+(pro|flash[\s-]lite|flash|ultra|nano)\b/i.exec(
      text,
    );
  if (gemini) {
    model = slug(`${gemini[1]}-${gemini[2]}-${gemini[3]}`);
  } else {
    const partner =
      /^((?:claude|llama|mistral|mixtral|codestral|gemma|jamba|deepseek|qwen)\b.*?)(?=\s+(?:-\s+)?(?:(?:long|short)\s+)?(?:thinking\s+|reasoning\s+)?(?:text\s+|image\s+|audio\s+|video\s+)?(?:input|output|cached|cache|prompt|response|tokens?)\b)/i.exec(
        text,
      );
    if (partner) model = slug(partner[1].replace(TOKEN_WORDS, ''));
  }
  return {
    model,
    tokenType,
    reasoning:
      tokenType === 'output' && /\b(?:thinking|reasoning)\b/i.test(text),
  };
}

const TOKEN_UNITS = new Set(['count', 'token', 'tokens']);

/** A usage amount in base units (a decimal string) as whole tokens. */
function wholeTokens(amount: string): number {
  const micros = microsFromDecimalString(amount);
  const tokens = Math.round(micros / 1_000_000);
  return tokens > 0 ? tokens : 0;
}

export interface NormalizeOptions {
  /**
   * aiCost.currency. Records keep the billed currency of their row; the
   * backend converts another currency at the usage day's rate.
   */
  currency: string;
  window: UsageWindow;
  /** Names the query in errors, e.g. `GCP billing export proj.ds.table`. */
  endpoint: string;
  /**
   * The row is GPU / TPU compute (`gpuCompute`): a `self-hosted` record
   * with no model and no tokens.
   */
  selfHosted?: boolean;
}

/** The labels of a row as tags, or null when it has none. */
function tagsOf(row: BillingRow, where: string): Record<string, string> | null {
  if (!row.label_json) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(row.label_json);
  } catch {
    throw new ProviderApiError(`${where}.label_json: not valid JSON`);
  }
  const labels = labelsSchema.safeParse(parsed);
  if (!labels.success) {
    throw new ProviderApiError(
      `${where}.label_json: expected [{"key": …, "value": …}]`,
    );
  }
  const tags: Record<string, string> = {};
  for (const { key, value } of labels.data) {
    if (key) tags[key] = value ?? '';
  }
  return Object.keys(tags).length > 0 ? tags : null;
}

function money(amount: string, where: string): number {
  try {
    return microsFromDecimalString(amount);
  } catch (error) {
    throw new ProviderApiError(`${where}: ${(error as Error).message}`);
  }
}

/**
 * One billing row as a billed usage record. The cost is net of credits:
 * `cost + credits` (credits are negative), each a decimal string converted
 * to integer micro-units. A GPU / TPU compute row (`selfHosted`) is a
 * `self-hosted` record with the SKU as line item, no model and no tokens.
 */
export function recordFromRow(
  row: BillingRow,
  where: string,
  options: NormalizeOptions,
): UsageRecord | undefined {
  const { window } = options;
  if (row.day < window.from || row.day > window.to) return undefined;
  // The billing account's currency; another currency than aiCost.currency is
  // converted by the backend at the usage day's rate (DESIGN §9.3).
  const currency = row.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ProviderApiError(
      `${where}.currency: "${row.currency}" on ${row.day} is not an ISO 4217 currency code`,
    );
  }
  const gross = money(row.cost, `${where}.cost`);
  const credits = row.credits ? money(row.credits, `${where}.credits`) : 0;
  const description = row.sku_description ?? row.service_description ?? null;
  const lineItem =
    description && row.cost_type && row.cost_type !== 'regular'
      ? `${description} [${row.cost_type}]`
      : description;
  if (options.selfHosted) {
    if (gross === 0 && credits === 0) return undefined;
    return {
      date: row.day,
      accountId: row.billing_account_id ?? null,
      projectId: row.project_id ?? null,
      region: row.region ?? null,
      tags: tagsOf(row, where),
      model: null,
      lineItem,
      category: 'self-hosted',
      cost: gross + credits,
      currency,
      costKind: 'billed',
    };
  }
  const sku = parseSku(row.sku_description);
  let tokens = 0;
  if (
    sku.tokenType &&
    row.usage_amount &&
    TOKEN_UNITS.has((row.usage_unit ?? '').toLowerCase())
  ) {
    try {
      tokens = wholeTokens(row.usage_amount);
    } catch (error) {
      throw new ProviderApiError(
        `${where}.usage_amount: ${(error as Error).message}`,
      );
    }
  }
  const cost = gross + credits;
  if (gross === 0 && credits === 0 && tokens === 0) return undefined;

  return {
    date: row.day,
    accountId: row.billing_account_id ?? null,
    projectId: row.project_id ?? null,
    region: row.region ?? null,
    tags: tagsOf(row, where),
    model: sku.model,
    lineItem,
    inputTokens: sku.tokenType === 'input' ? tokens : 0,
    cachedInputTokens: sku.tokenType === 'cacheRead' ? tokens : 0,
    cacheWriteTokens: sku.tokenType === 'cacheWrite' ? tokens : 0,
    outputTokens: sku.tokenType === 'output' ? tokens : 0,
    reasoningTokens: sku.reasoning ? tokens : 0,
    cost,
    currency,
    costKind: 'billed',
  };
}
