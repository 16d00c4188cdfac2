import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type LoggerService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  anomalySeverities,
  microsFromNumber,
  type AnomalySeverity,
} from '@ai-cost/plugin-ai-cost-common';
import type { AnomalyThreshold } from '../anomalies/thresholds';
import {
  readClassificationRules,
  readCurrency,
  type ClassificationRules,
} from '@ai-cost/plugin-ai-cost-node';
import { readAllocationSettings, type AllocationSettings } from '../allocation';
import {
  readPrometheusSettings,
  type PrometheusSourceSettings,
} from '../metrics/prometheus/readPrometheusSettings';
import type { IngestionSettings } from '../ingestion/IngestionEngine';
import type { ExchangeRateEntry } from '../currency/ExchangeRates';
import { readExchangeRates } from '../currency/readExchangeRates';
import { readPushSettings, type PushSettings } from '../push/settings';
import {
  readExpenseSettings,
  type ExpenseSettings,
} from '../expenses/readExpenseSettings';
import { readSubscriptions } from '../subscriptions/readSubscriptions';
import type { Subscription } from '../subscriptions/types';
import {
  readDigestSettings,
  type DigestSettings,
} from '../digests/readDigestSettings';
import { DEFAULT_SUGGESTION_HEADROOM } from '../planning/budgetSuggestion';
import type { PolicySettings } from '../policies/modelPolicy';
import { readPolicySettings } from '../policies/readPolicySettings';
import {
  readBudgetApprovalSettings,
  type BudgetApprovalSettings,
} from '../budgetRequests/approvalSettings';

/** Everything the plugin reads from `aiCost`, read and validated once. */
export interface AiCostSettings {
  /** `aiCost.currency`, upper-case ISO 4217 (what the modules use too). */
  currency: string;
  /** `aiCost.exchangeRates`: configured rates into `currency` per foreign currency and day or month. */
  exchangeRates: ExchangeRateEntry[];
  ingestion: IngestionSettings;
  /** `aiCost.attribution.schedule`: the catalog index rebuild. */
  indexSchedule: SchedulerServiceTaskScheduleDefinition;
  /** `aiCost.postAttribution.schedule`: anomalies, budget alerts, recommendations. */
  postAttributionSchedule: SchedulerServiceTaskScheduleDefinition;
  notifySeverity: AnomalySeverity;
  /** `aiCost.anomalies.minImpact` (micro-units) and `minImpactPercent`: the org default anomaly threshold. */
  anomalyThreshold: AnomalyThreshold;
  push: PushSettings;
  /** `aiCost.classification`: which cloud and FOCUS line items are AI spend. */
  classification: ClassificationRules;
  /** `aiCost.allocation`: allocation tags, virtual-tag and split rules, chargeback threshold. */
  allocation: AllocationSettings;
  /** `aiCost.metrics.prometheus`: business metrics pulled on a schedule. */
  prometheus: PrometheusSourceSettings[];
  /** `aiCost.demo.enabled`: deterministic demo sources. */
  demo: boolean;
  /** `aiCost.subscriptions`: seat and flat-fee subscriptions, amortised per day. */
  subscriptions: Subscription[];
  /** `aiCost.expenses`: the AI vendors expense imports keep. */
  expenses: ExpenseSettings;
  /** `aiCost.digests`: weekly and monthly owner digests, the leadership report. */
  digests: DigestSettings;
  /** `aiCost.budgets.approval`: approvers and thresholds of budget requests. */
  budgetApproval: BudgetApprovalSettings;
  /** `aiCost.budgets.suggestionHeadroom`: the multiple of the expected spend a suggested budget allows. */
  budgetSuggestionHeadroom: number;
  /** `aiCost.policies`: model tiers and the org default max tier per environment. */
  policies: PolicySettings;
  /** `aiCost.queryCache.maxMegabytes` in bytes: page views' cached answers; 0 for none. */
  queryCacheBytes: number;
}

function readSchedule(
  config: Config,
  key: string,
  fallback: SchedulerServiceTaskScheduleDefinition,
): SchedulerServiceTaskScheduleDefinition {
  return config.has(key)
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig(key),
      )
    : fallback;
}

function readSuggestionHeadroom(config: Config): number {
  const key = 'aiCost.budgets.suggestionHeadroom';
  const value = config.getOptionalNumber(key) ?? DEFAULT_SUGGESTION_HEADROOM;
  if (!Number.isFinite(value) || value < 1 || value > 10) {
    throw new Error(
      `${key} must be a multiple of the expected spend between 1 and 10, e.g. 1.15, got ${value}`,
    );
  }
  return value;
}

function readQueryCacheBytes(config: Config): number {
  const key = 'aiCost.queryCache.maxMegabytes';
  const value = config.getOptionalNumber(key) ?? 64;
  if (!Number.isFinite(value) || value < 0 || value > 65536) {
    throw new Error(
      `${key} must be a number of megabytes between 0 (no cache) and 65536, e.g. 64, got ${value}`,
    );
  }
  return Math.round(value * 1024 * 1024);
}

function readNotifySeverity(config: Config): AnomalySeverity {
  const key = 'aiCost.anomalies.notifySeverity';
  const value = config.getOptionalString(key) ?? 'high';
  if (!(anomalySeverities as readonly string[]).includes(value)) {
    throw new Error(
      `${key} must be one of ${anomalySeverities.join(
        ', ',
      )}, got ${JSON.stringify(value)}`,
    );
  }
  return value as AnomalySeverity;
}

function readAnomalyThreshold(config: Config): AnomalyThreshold {
  const threshold: AnomalyThreshold = {};
  const amountKey = 'aiCost.anomalies.minImpact';
  const amount = config.getOptionalNumber(amountKey);
  if (amount !== undefined) {
    if (!Number.isFinite(amount) || amount < 0) {
      throw new Error(
        `${amountKey} must be a non-negative amount in aiCost.currency, got ${amount}`,
      );
    }
    threshold.minImpactMicros = microsFromNumber(amount);
  }
  const percentKey = 'aiCost.anomalies.minImpactPercent';
  const percent = config.getOptionalNumber(percentKey);
  if (percent !== undefined) {
    if (!Number.isFinite(percent) || percent < 0 || percent > 1000) {
      throw new Error(
        `${percentKey} must be a percentage between 0 and 1000, got ${percent}`,
      );
    }
    threshold.minImpactPercent = percent;
  }
  return threshold;
}

function readIngestionSettings(config: Config): IngestionSettings {
  const readDays = (key: string, fallback: number) => {
    const value =
      config.getOptionalNumber(`aiCost.ingestion.${key}`) ?? fallback;
    if (!Number.isInteger(value) || value < 1 || value > 3660) {
      throw new Error(
        `aiCost.ingestion.${key} must be a whole number of days between 1 and 3660, got ${value}`,
      );
    }
    return value;
  };
  return {
    schedule: readSchedule(config, 'aiCost.ingestion.schedule', {
      frequency: { minutes: 60 },
      timeout: { minutes: 15 },
      initialDelay: { seconds: 15 },
    }),
    lookbackDays: readDays('lookbackDays', 35),
    backfillDays: readDays('backfillDays', 90),
  };
}

/**
 * Reads and validates the plugin's configuration once; a bad value fails
 * start-up with its key.
 */
export function readAiCostSettings(
  config: Config,
  logger?: LoggerService,
): AiCostSettings {
  const currency = readCurrency(config);
  return {
    currency,
    exchangeRates: readExchangeRates(config, currency),
    ingestion: readIngestionSettings(config),
    indexSchedule: readSchedule(config, 'aiCost.attribution.schedule', {
      frequency: { minutes: 2 },
      timeout: { minutes: 10 },
      initialDelay: { seconds: 5 },
    }),
    postAttributionSchedule: readSchedule(
      config,
      'aiCost.postAttribution.schedule',
      {
        frequency: { seconds: 15 },
        timeout: { minutes: 10 },
        initialDelay: { seconds: 10 },
      },
    ),
    notifySeverity: readNotifySeverity(config),
    anomalyThreshold: readAnomalyThreshold(config),
    push: readPushSettings(config, logger),
    classification: readClassificationRules(config),
    allocation: readAllocationSettings(config),
    prometheus: readPrometheusSettings(config, currency),
    demo: config.getOptionalBoolean('aiCost.demo.enabled') ?? false,
    subscriptions: readSubscriptions(config),
    expenses: readExpenseSettings(config),
    digests: readDigestSettings(config),
    budgetApproval: readBudgetApprovalSettings(config),
    budgetSuggestionHeadroom: readSuggestionHeadroom(config),
    policies: readPolicySettings(config),
    queryCacheBytes: readQueryCacheBytes(config),
  };
}
