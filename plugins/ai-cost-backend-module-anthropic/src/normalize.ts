import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_WORKSPACE,
  allocateMicros,
  microsFromDecimalStringSum,
} from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type PricingService,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type { CostBucket, CostResult, UsageBucket } from './schemas';

/** Provider kind of every record, and the name the price database knows. */
export const ANTHROPIC_PROVIDER = 'anthropic';

export const COST_REPORT_PATH = '/v1/organizations/cost_report';
export const USAGE_REPORT_PATH = '/v1/organizations/usage_report/messages';

/** Token counts of one usage row, with the semantics of `UsageRecord`. */
interface Tokens {
  inputTokens: number;
  cachedInputTokens: number;
  /** All cache writes, 5-minute and 1-hour. */
  cacheWriteTokens: number;
  /** Of `cacheWriteTokens`, those with a 1-hour lifetime (priced 2× input, not 1.25×). */
  cacheWrite1hTokens: number;
  outputTokens: number;
}

/** Usage of one (day, workspace, api key, model). */
interface UsageEntry extends Tokens {
  date: string;
  workspaceId: string | null;
  apiKeyId: string | null;
  model: string | null;
}

/** Token cost rows of one (day, workspace, model family). */
interface BilledGroup {
  rows: Array<{ model: string; lineItem: string; amount: string }>;
}

export interface CombineOptions {
  window: UsageWindow;
  /** The configured reporting currency (`aiCost.currency`). */
  currency: string;
  pricing: PricingService;
  logger?: LoggerService;
}

const SEP = '\u0000';

/**
 * Models as the cost report names them and as the usage report names them
 * are matched on the id without a trailing `-YYYYMMDD` snapshot date, so
 * `claude-sonnet-4` and `claude-sonnet-4-20250514` meet. Without this, a
 * naming difference would leave the same spend both billed (unmatched) and
 * estimated (usage without a billed figure), counted twice.
 */
export function modelFamily(model: string | null): string {
  return model === null ? '' : model.replace(/-\d{8}$/, '');
}

function bucketDay(startingAt: string): string {
  return new Date(startingAt).toISOString().slice(0, 10);
}

function totalTokens(t: Tokens): number {
  return (
    t.inputTokens + t.cachedInputTokens + t.cacheWriteTokens + t.outputTokens
  );
}

function inWindow(day: string, window: UsageWindow): boolean {
  return day >= window.from && day <= window.to;
}

function isTokenCost(row: CostResult): row is CostResult & { model: string } {
  if (!row.model) return false;
  if (row.cost_type) return row.cost_type === 'tokens';
  return Boolean(row.token_type);
}

/**
 * Turns the cost report (billed truth, per workspace and description) and
 * the messages usage report (tokens per api key, workspace and model) into
 * normalized records, one per (day, workspace, api key, model), plus one per
 * billed line item that no usage explains.
 *
 * Billed beats estimated: the billed token cost B of a (day, workspace,
 * model) is split across the api keys that used that model in that workspace
 * that day, in proportion to what their usage costs at list prices (or to
 * their token counts when the model has no price). The shares always add up
 * to B exactly. Usage with no billed figure is priced and marked `estimated`.
 */
export function combineReports(
  costBuckets: readonly CostBucket[],
  usageBuckets: readonly UsageBucket[],
  options: CombineOptions,
): UsageRecord[] {
  const { window, currency, pricing, logger } = options;
  const outside = new Set<string>();

  // Billed cost: token rows by (day, workspace, model family); everything
  // else (web search, code execution, credits, rows without a model) as line items.
  const billed = new Map<string, BilledGroup>();
  const lineItems = new Map<
    string,
    {
      date: string;
      workspaceId: string | null;
      model: string | null;
      lineItem: string;
      amounts: string[];
    }
  >();
  for (const bucket of costBuckets) {
    const date = bucketDay(bucket.starting_at);
    if (!inWindow(date, window)) {
      outside.add(date);
      continue;
    }
    for (const row of bucket.results) {
      if (row.currency.toUpperCase() !== currency) {
        throw new ProviderApiError(
          `Anthropic ${COST_REPORT_PATH}: the bucket starting ${bucket.starting_at} has a cost in "${row.currency}", but aiCost.currency is "${currency}"; amounts in different currencies are not mixed`,
        );
      }
      if (isTokenCost(row)) {
        const key = [date, row.workspace_id, modelFamily(row.model)].join(SEP);
        const group = billed.get(key) ?? { rows: [] };
        group.rows.push({
          model: row.model,
          lineItem: row.description ?? row.token_type ?? 'tokens',
          amount: row.amount,
        });
        billed.set(key, group);
      } else {
        const model = row.model ?? null;
        const lineItem = row.description ?? row.cost_type ?? 'other';
        addLineItem(lineItems, {
          date,
          workspaceId: row.workspace_id,
          model,
          lineItem,
          amount: row.amount,
        });
      }
    }
  }

  // Usage: summed per (day, workspace, api key, model), then grouped by
  // (day, workspace, model family) to meet the billed groups.
  const entries = new Map<string, UsageEntry>();
  for (const bucket of usageBuckets) {
    const date = bucketDay(bucket.starting_at);
    if (!inWindow(date, window)) {
      outside.add(date);
      continue;
    }
    for (const row of bucket.results) {
      const key = [date, row.workspace_id, row.api_key_id, row.model].join(SEP);
      const entry = entries.get(key) ?? {
        date,
        workspaceId: row.workspace_id,
        apiKeyId: row.api_key_id,
        model: row.model,
        inputTokens: 0,
        cachedInputTokens: 0,
        cacheWriteTokens: 0,
        cacheWrite1hTokens: 0,
        outputTokens: 0,
      };
      entry.inputTokens += row.uncached_input_tokens;
      entry.cachedInputTokens += row.cache_read_input_tokens;
      entry.cacheWriteTokens +=
        row.cache_creation.ephemeral_5m_input_tokens +
        row.cache_creation.ephemeral_1h_input_tokens;
      entry.cacheWrite1hTokens += row.cache_creation.ephemeral_1h_input_tokens;
      entry.outputTokens += row.output_tokens;
      entries.set(key, entry);
    }
  }
  const usage = new Map<string, UsageEntry[]>();
  for (const entry of entries.values()) {
    if (totalTokens(entry) === 0) continue;
    const key = [entry.date, entry.workspaceId, modelFamily(entry.model)].join(
      SEP,
    );
    const list = usage.get(key) ?? [];
    list.push(entry);
    usage.set(key, list);
  }

  if (outside.size > 0) {
    logger?.warn(
      `Anthropic returned buckets outside the requested window ${
        window.from
      }..${window.to}; ignored: ${[...outside].sort().join(', ')}`,
    );
  }

  const unpricedModels = new Map<string, string>();
  const estimate = (entry: UsageEntry): number | null => {
    if (entry.model === null) {
      unpricedModels.set('(no model)', 'usage reported without a model');
      return null;
    }
    const result = pricing.price({
      provider: ANTHROPIC_PROVIDER,
      model: entry.model,
      date: entry.date,
      inputTokens: entry.inputTokens,
      cachedInputTokens: entry.cachedInputTokens,
      cacheWriteTokens: entry.cacheWriteTokens,
      cacheWrite1hTokens: entry.cacheWrite1hTokens,
      outputTokens: entry.outputTokens,
    });
    if (!result.priced) {
      unpricedModels.set(entry.model, result.reason);
      return null;
    }
    if (result.currency.toUpperCase() !== currency) {
      unpricedModels.set(
        entry.model,
        `price is in ${result.currency}, not ${currency}`,
      );
      return null;
    }
    return Math.round(result.cost);
  };

  const records: UsageRecord[] = [];
  const usageRecord = (
    entry: UsageEntry,
    fields: Pick<UsageRecord, 'cost' | 'costKind' | 'estimatedCost'>,
  ): UsageRecord => ({
    date: entry.date,
    projectId: entry.workspaceId ?? DEFAULT_WORKSPACE,
    apiKeyId: entry.apiKeyId,
    model: entry.model,
    lineItem: null,
    inputTokens: entry.inputTokens,
    cachedInputTokens: entry.cachedInputTokens,
    cacheWriteTokens: entry.cacheWriteTokens,
    cacheWrite1hTokens: entry.cacheWrite1hTokens,
    outputTokens: entry.outputTokens,
    requests: 0,
    currency,
    ...fields,
    unpriced: fields.estimatedCost === null,
  });

  const groupKeys = [...new Set([...billed.keys(), ...usage.keys()])].sort();
  for (const key of groupKeys) {
    const group = billed.get(key);
    const used = (usage.get(key) ?? []).sort(compareEntries);
    const estimates = used.map(estimate);

    if (!group) {
      // Usage that nothing billed (yet): our estimate, or unpriced at 0.
      used.forEach((entry, i) =>
        records.push(
          usageRecord(entry, {
            cost: estimates[i] ?? 0,
            costKind: 'estimated',
            estimatedCost: estimates[i],
          }),
        ),
      );
      continue;
    }

    if (used.length === 0) {
      // Billed tokens that no usage row explains: keep them, per line item.
      const [date, workspace] = key.split(SEP);
      for (const row of group.rows) {
        addLineItem(lineItems, {
          date,
          workspaceId: workspace === '' ? null : workspace,
          model: row.model,
          lineItem: row.lineItem,
          amount: row.amount,
        });
      }
      continue;
    }

    const total = microsFromDecimalStringSum(
      group.rows.map(r => r.amount),
      'cents',
    );
    const allPriced = estimates.every(e => e !== null);
    const priceWeights = estimates.map(e => e ?? 0);
    const weights =
      allPriced && priceWeights.some(w => w > 0)
        ? priceWeights
        : used.map(totalTokens);
    const shares = allocateMicros(total, weights);
    used.forEach((entry, i) =>
      records.push(
        usageRecord(entry, {
          cost: shares[i],
          costKind: 'billed',
          estimatedCost: estimates[i],
        }),
      ),
    );
  }

  for (const item of [...lineItems.values()].sort((a, b) =>
    compareStrings(
      [a.date, a.workspaceId, a.model, a.lineItem].join(SEP),
      [b.date, b.workspaceId, b.model, b.lineItem].join(SEP),
    ),
  )) {
    records.push({
      date: item.date,
      projectId: item.workspaceId ?? DEFAULT_WORKSPACE,
      apiKeyId: null,
      model: item.model,
      lineItem: item.lineItem,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      outputTokens: 0,
      requests: 0,
      cost: microsFromDecimalStringSum(item.amounts, 'cents'),
      currency,
      costKind: 'billed',
      estimatedCost: null,
      unpriced: false,
    });
  }

  for (const [model, reason] of unpricedModels) {
    logger?.warn(
      `Anthropic model ${model} could not be priced (${reason}); its usage is flagged as unpriced`,
    );
  }
  return records;
}

function addLineItem(
  lineItems: Map<
    string,
    {
      date: string;
      workspaceId: string | null;
      model: string | null;
      lineItem: string;
      amounts: string[];
    }
  >,
  item: {
    date: string;
    workspaceId: string | null;
    model: string | null;
    lineItem: string;
    amount: string;
  },
) {
  const key = [item.date, item.workspaceId, item.model, item.lineItem].join(
    SEP,
  );
  const existing = lineItems.get(key);
  if (existing) {
    existing.amounts.push(item.amount);
  } else {
    const { amount, ...rest } = item;
    lineItems.set(key, { ...rest, amounts: [amount] });
  }
}

function compareStrings(a: string, b: string): number {
  if (a < b) return -1;
  return a > b ? 1 : 0;
}

function compareEntries(a: UsageEntry, b: UsageEntry): number {
  return compareStrings(
    [a.apiKeyId ?? '', a.model ?? ''].join(SEP),
    [b.apiKeyId ?? '', b.model ?? ''].join(SEP),
  );
}
