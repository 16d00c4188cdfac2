import { addDays } from '@ai-cost/plugin-ai-cost-common';
import type { PricingService } from '@ai-cost/plugin-ai-cost-node';
import type { Claim } from '../attribution/claims';
import { findBatchApi } from './batchApi';
import { findModelRightSizing } from './modelRightSizing';
import { findOutputLength, OUTPUT_LENGTH } from './outputLength';
import {
  findIdleClaims,
  findOwnerlessSpend,
  type ClaimTraffic,
  type UnallocatedSpend,
} from './ownership';
import { findPromptCaching } from './promptCaching';
import type { Finding, ModelSeries, RuleContext, UsageDay } from './types';
import { mainWindow } from './usageMath';

/** One attributed row: an entity's spend of one day, model and api key. */
export interface AttributedUsage extends UsageDay {
  entityRef: string;
  provider: string;
  model: string;
  apiKeyId: string;
}

/** Days of attributed spend the rules need before `asOf`, `asOf` included. */
export const HISTORY_DAYS =
  OUTPUT_LENGTH.recentDays + OUTPUT_LENGTH.historyDays;

/** The first day of attributed spend {@link evaluateRecommendations} reads. */
export function historyStart(asOf: string): string {
  return addDays(asOf, -(HISTORY_DAYS - 1));
}

/** Attributed rows summed per entity and provider model, into daily series. */
export function toModelSeries(rows: AttributedUsage[]): ModelSeries[] {
  const series = new Map<string, ModelSeries>();
  const days = new Map<string, Map<string, UsageDay>>();
  for (const row of rows) {
    if (!row.model) continue;
    const key = `${row.entityRef}\u0000${row.provider}\u0000${row.model}`;
    let s = series.get(key);
    if (!s) {
      s = {
        entityRef: row.entityRef,
        provider: row.provider,
        model: row.model,
        days: [],
      };
      series.set(key, s);
      days.set(key, new Map());
    }
    const byDate = days.get(key)!;
    const day = byDate.get(row.date) ?? {
      date: row.date,
      cost: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      requests: 0,
    };
    day.cost += row.cost;
    day.inputTokens += row.inputTokens;
    day.cachedInputTokens += row.cachedInputTokens;
    day.cacheWriteTokens += row.cacheWriteTokens;
    day.outputTokens += row.outputTokens;
    day.reasoningTokens += row.reasoningTokens;
    day.requests += row.requests;
    byDate.set(row.date, day);
  }
  for (const [key, s] of series) {
    s.days = [...days.get(key)!.values()].sort((a, b) =>
      a.date.localeCompare(b.date),
    );
  }
  return [...series.values()];
}

/** Who had traffic in the 30-day window. */
export function claimTraffic(
  rows: AttributedUsage[],
  unallocated: UnallocatedSpend[],
  asOf: string,
): ClaimTraffic {
  const { from, to } = mainWindow(asOf);
  const traffic: ClaimTraffic = {
    providers: new Set(unallocated.map(u => u.provider)),
    apiKeys: new Set(),
    entityProviders: new Set(),
  };
  for (const row of rows) {
    if (row.date < from || row.date > to) continue;
    if (row.cost === 0 && row.requests === 0) continue;
    traffic.providers.add(row.provider);
    if (row.apiKeyId)
      traffic.apiKeys.add(`${row.provider}\u0000${row.apiKeyId}`);
    traffic.entityProviders.add(`${row.entityRef}\u0000${row.provider}`);
  }
  return traffic;
}

const MODEL_RULES = [
  findModelRightSizing,
  findPromptCaching,
  findBatchApi,
  findOutputLength,
];

/**
 * Every recommendation for the attributed spend up to `asOf`: the model
 * rules per entity and provider model (each entity on its own spend; views of
 * groups and systems list their descendants' findings), idle claims per
 * entity, and ownerless spend for the org.
 */
export function evaluateRecommendations(input: {
  asOf: string;
  currency: string;
  pricing: PricingService;
  /** Attributed rows from {@link historyStart} to `asOf`. */
  attributed: AttributedUsage[];
  /** Unallocated spend of the 30 days up to `asOf`. */
  unallocated: UnallocatedSpend[];
  /** Every claim of the annotation index. */
  claims: Claim[];
}): Finding[] {
  const context: RuleContext = {
    asOf: input.asOf,
    pricing: input.pricing,
    currency: input.currency,
  };
  const findings: Finding[] = [];
  for (const series of toModelSeries(input.attributed)) {
    for (const rule of MODEL_RULES) {
      const finding = rule(series, context);
      if (finding) findings.push(finding);
    }
  }
  findings.push(
    ...findIdleClaims(
      input.claims,
      claimTraffic(input.attributed, input.unallocated, input.asOf),
      context,
    ),
    ...findOwnerlessSpend(input.unallocated, context),
  );
  return findings;
}
