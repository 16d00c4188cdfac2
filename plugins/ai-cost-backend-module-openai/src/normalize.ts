import {
  allocateMicros,
  microsFromNumber,
} from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type PriceResult,
  type PricingService,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';
import type {
  CompletionsResult,
  CostsResult,
  EmbeddingsResult,
} from './schemas';

/** One usage row of one day, tokens already in {@link UsageRecord} semantics. */
export interface UsageRow {
  date: string;
  projectId: string | null;
  apiKeyId: string | null;
  model: string | null;
  serviceTier: string | null;
  /** Uncached input: excludes cache reads and cache writes. */
  inputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  outputTokens: number;
  requests: number;
}

/** One billed line of one day, in micro-units of its billed currency. */
export interface CostLine {
  date: string;
  projectId: string | null;
  apiKeyId: string | null;
  lineItem: string | null;
  cost: number;
  /** The billed currency, an upper-cased ISO 4217 code. */
  currency: string;
}

/**
 * A completions result in {@link UsageRecord} token semantics. OpenAI's
 * `input_tokens` includes cache reads and (in the current spec) cache
 * writes; `input_uncached_tokens`, when sent, is the uncached part directly.
 * Inconsistent counts never produce negative tokens.
 */
export function usageRowFromCompletions(
  date: string,
  result: CompletionsResult,
): UsageRow {
  const cached = result.input_cached_tokens ?? 0;
  const cacheWrite = result.input_cache_write_tokens ?? 0;
  const uncached =
    result.input_uncached_tokens ??
    Math.max(0, result.input_tokens - cached - cacheWrite);
  return {
    date,
    projectId: result.project_id ?? null,
    apiKeyId: result.api_key_id ?? null,
    model: result.model ?? null,
    serviceTier: result.service_tier ?? null,
    inputTokens: uncached,
    cachedInputTokens: cached,
    cacheWriteTokens: cacheWrite,
    outputTokens: result.output_tokens,
    requests: result.num_model_requests,
  };
}

/** An embeddings result: input tokens only (embeddings are never cached). */
export function usageRowFromEmbeddings(
  date: string,
  result: EmbeddingsResult,
): UsageRow {
  return {
    date,
    projectId: result.project_id ?? null,
    apiKeyId: result.api_key_id ?? null,
    model: result.model ?? null,
    serviceTier: null,
    inputTokens: result.input_tokens,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    requests: result.num_model_requests,
  };
}

/**
 * A cost result in micro-units of its billed currency (`amount.currency`,
 * upper-cased). Another currency than aiCost.currency is converted by the
 * backend at the usage day's rate (DESIGN §9.3).
 */
export function costLineFromResult(
  date: string,
  result: CostsResult,
  endpoint: string,
): CostLine {
  const currency = result.amount.currency.toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ProviderApiError(
      `${endpoint}: amount.currency of the cost on ${date}: "${result.amount.currency}" is not an ISO 4217 currency code`,
    );
  }
  return {
    date,
    projectId: result.project_id ?? null,
    apiKeyId: result.api_key_id ?? null,
    lineItem: result.line_item ?? null,
    cost: microsFromNumber(result.amount.value),
    currency,
  };
}

const keyOf = (...parts: Array<string | null>) => JSON.stringify(parts);

function totalTokens(row: UsageRow): number {
  return (
    row.inputTokens +
    row.cachedInputTokens +
    row.cacheWriteTokens +
    row.outputTokens
  );
}

/**
 * Sums rows that share a day, project, key and model (for example the same
 * model reported by two endpoints, or a bucket split across pages), so that
 * every record is unique by its natural key.
 */
function mergeUsageRows(rows: UsageRow[]): UsageRow[] {
  const merged = new Map<string, UsageRow>();
  for (const row of rows) {
    const key = keyOf(row.date, row.projectId, row.apiKeyId, row.model);
    const existing = merged.get(key);
    if (!existing) {
      merged.set(key, { ...row });
      continue;
    }
    existing.inputTokens += row.inputTokens;
    existing.cachedInputTokens += row.cachedInputTokens;
    existing.cacheWriteTokens += row.cacheWriteTokens;
    existing.outputTokens += row.outputTokens;
    existing.requests += row.requests;
    if (existing.serviceTier !== row.serviceTier) existing.serviceTier = null;
  }
  return [...merged.values()];
}

/** Sums cost lines that share a day, project, key and line item. */
function mergeCostLines(lines: CostLine[]): CostLine[] {
  const merged = new Map<string, CostLine>();
  for (const line of lines) {
    const key = keyOf(
      line.date,
      line.projectId,
      line.apiKeyId,
      line.lineItem,
      line.currency,
    );
    const existing = merged.get(key);
    if (existing) existing.cost += line.cost;
    else merged.set(key, { ...line });
  }
  return [...merged.values()];
}

/** The estimate of one usage row, or why there is none. */
type Estimate = { cost: number } | { cost: null; reason: string };

function estimate(
  row: UsageRow,
  pricing: PricingService,
  currency: string,
): Estimate {
  if (!row.model) {
    return { cost: null, reason: 'usage reported without a model' };
  }
  let result: PriceResult;
  try {
    result = pricing.price({
      provider: 'openai',
      model: row.model,
      date: row.date,
      inputTokens: row.inputTokens,
      cachedInputTokens: row.cachedInputTokens,
      cacheWriteTokens: row.cacheWriteTokens,
      outputTokens: row.outputTokens,
      requests: row.requests,
    });
  } catch (error) {
    return {
      cost: null,
      reason: `pricing failed: ${(error as Error).message}`,
    };
  }
  if (!result.priced) return { cost: null, reason: result.reason };
  if (result.currency.toUpperCase() !== currency.toUpperCase()) {
    return {
      cost: null,
      reason: `price is in ${result.currency}, not ${currency}`,
    };
  }
  if (!Number.isSafeInteger(result.cost)) {
    return { cost: null, reason: `price ${result.cost} is not micro-units` };
  }
  return { cost: result.cost };
}

/**
 * Weights for splitting a group's billed total across its usage rows.
 *
 * - Priced rows weigh their estimate.
 * - Unpriced rows weigh their tokens at the group's average priced rate
 *   (priced estimates / priced tokens), so a model missing from the price
 *   data still carries a fair share of the bill instead of none.
 * - When nothing in the group has a positive estimate, every row weighs its
 *   total tokens.
 */
export function splitWeights(
  rows: UsageRow[],
  estimates: Array<number | null>,
): number[] {
  let pricedCost = 0;
  let pricedTokens = 0;
  rows.forEach((row, i) => {
    const cost = estimates[i];
    if (cost !== null) {
      pricedCost += cost;
      pricedTokens += totalTokens(row);
    }
  });
  if (pricedCost <= 0 || pricedTokens <= 0) return rows.map(totalTokens);
  const rate = pricedCost / pricedTokens;
  return rows.map((row, i) => estimates[i] ?? totalTokens(row) * rate);
}

/**
 * The one currency of a group's cost lines. Lines of one day, project and
 * key in two currencies cannot be split across the same usage: that fails
 * naming them instead of adding amounts in different currencies.
 */
function groupCurrency(lines: CostLine[]): string {
  const currencies = [...new Set(lines.map(line => line.currency))].sort();
  if (currencies.length > 1) {
    const { date, projectId, apiKeyId } = lines[0];
    throw new ProviderApiError(
      `OpenAI /organization/costs: the costs on ${date} of project ${
        projectId ?? '(none)'
      }, API key ${apiKeyId ?? '(none)'} are in ${currencies.join(
        ' and ',
      )}; amounts in different currencies are not added`,
    );
  }
  return currencies[0];
}

/** Outcome of {@link combineUsageAndCosts}. */
export interface CombineResult {
  records: UsageRecord[];
  /** Models that could not be priced, with the first reason seen. */
  unpriced: Map<string, string>;
}

function compareNullable(
  a: string | null | undefined,
  b: string | null | undefined,
) {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return a < b ? -1 : 1;
}

/**
 * Turns usage rows and billed cost lines into records, "billed beats
 * estimated" (DESIGN §2). For each (day, project, API key) group:
 *
 * - usage and cost: the billed total (sum of cost lines) is split across the
 *   group's usage rows with {@link splitWeights} and `allocateMicros`, so the
 *   records sum to the billed total exactly. Records are `billed`, keep the
 *   list-price estimate in `estimatedCost` for reconciliation, and are
 *   flagged `unpriced` when no estimate could be made.
 * - cost only: one `billed` record per line item, without a model.
 * - usage only (typically today, before OpenAI has costed it): `estimated`
 *   records at list price; an unpriced model gets cost 0 with `unpriced: true`.
 */
export function combineUsageAndCosts(options: {
  usage: UsageRow[];
  costs: CostLine[];
  currency: string;
  pricing: PricingService;
}): CombineResult {
  const { currency, pricing } = options;
  const groups = new Map<string, { usage: UsageRow[]; costs: CostLine[] }>();
  const groupOf = (
    date: string,
    projectId: string | null,
    apiKeyId: string | null,
  ) => {
    const key = keyOf(date, projectId, apiKeyId);
    let group = groups.get(key);
    if (!group) {
      group = { usage: [], costs: [] };
      groups.set(key, group);
    }
    return group;
  };
  for (const row of mergeUsageRows(options.usage)) {
    groupOf(row.date, row.projectId, row.apiKeyId).usage.push(row);
  }
  for (const line of mergeCostLines(options.costs)) {
    groupOf(line.date, line.projectId, line.apiKeyId).costs.push(line);
  }

  const records: UsageRecord[] = [];
  const unpriced = new Map<string, string>();
  for (const group of groups.values()) {
    if (group.usage.length === 0) {
      for (const line of group.costs) {
        records.push({
          date: line.date,
          projectId: line.projectId,
          apiKeyId: line.apiKeyId,
          model: null,
          lineItem: line.lineItem,
          cost: line.cost,
          currency: line.currency,
          costKind: 'billed',
          estimatedCost: null,
          unpriced: false,
        });
      }
      continue;
    }

    const estimates = group.usage.map(row => {
      const result = estimate(row, pricing, currency);
      if (result.cost === null && !unpriced.has(row.model ?? '(none)')) {
        unpriced.set(row.model ?? '(none)', result.reason);
      }
      return result.cost;
    });
    const billed = group.costs.length > 0;
    const billedCurrency = billed
      ? groupCurrency(group.costs)
      : currency.toUpperCase();
    const shares = billed
      ? allocateMicros(
          group.costs.reduce((sum, line) => sum + line.cost, 0),
          splitWeights(group.usage, estimates),
        )
      : undefined;

    group.usage.forEach((row, i) => {
      const estimated = estimates[i];
      records.push({
        date: row.date,
        projectId: row.projectId,
        apiKeyId: row.apiKeyId,
        serviceTier: row.serviceTier,
        model: row.model,
        lineItem: null,
        inputTokens: row.inputTokens,
        cachedInputTokens: row.cachedInputTokens,
        cacheWriteTokens: row.cacheWriteTokens,
        outputTokens: row.outputTokens,
        requests: row.requests,
        cost: shares ? shares[i] : estimated ?? 0,
        currency: shares ? billedCurrency : currency,
        costKind: shares ? 'billed' : 'estimated',
        // The estimate is in aiCost.currency; a record billed in another
        // currency (converted by the backend) states none.
        ...(billedCurrency === currency.toUpperCase()
          ? { estimatedCost: estimated }
          : {}),
        unpriced: estimated === null,
      });
    });
  }

  records.sort(
    (a, b) =>
      compareNullable(a.date, b.date) ||
      compareNullable(a.projectId, b.projectId) ||
      compareNullable(a.apiKeyId, b.apiKeyId) ||
      compareNullable(a.model, b.model) ||
      compareNullable(a.lineItem, b.lineItem),
  );
  return { records, unpriced };
}
