import type { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseAiCostStore } from './DatabaseAiCostStore';
import { DatabaseAllocationRuleStore } from './DatabaseAllocationRuleStore';
import { DatabaseChargebackStore } from './DatabaseChargebackStore';
import { DatabaseMetricStore } from './DatabaseMetricStore';
import { DatabaseAnomalyStore } from './DatabaseAnomalyStore';
import { DatabaseAnomalySettingsStore } from './DatabaseAnomalySettingsStore';
import { DatabaseAttributedSpendStore } from './DatabaseAttributedSpendStore';
import { DatabaseAttributionStore } from './DatabaseAttributionStore';
import { DatabaseBudgetStore } from './DatabaseBudgetStore';
import { DatabaseBudgetRequestStore } from './DatabaseBudgetRequestStore';
import { DatabaseExchangeRateStore } from './DatabaseExchangeRateStore';
import type { ExchangeRateEntry } from '../currency/ExchangeRates';
import { DatabaseCatalogSnapshotStore } from './DatabaseCatalogSnapshotStore';
import { DatabaseDigestStore } from './DatabaseDigestStore';
import { DatabaseExpenseStore } from './DatabaseExpenseStore';
import { DatabaseFocusFileStore } from './DatabaseFocusFileStore';
import { DatabaseGatewayEventStore } from './DatabaseGatewayEventStore';
import { DatabasePolicyStore } from './DatabasePolicyStore';
import { DatabasePushStore } from './DatabasePushStore';
import { DatabaseRecommendationStore } from './DatabaseRecommendationStore';
import { DatabaseSubscriptionStore } from './DatabaseSubscriptionStore';
import { DatabaseTaskRequestStore } from './DatabaseTaskRequestStore';
import { applyMigrations } from './migrations';
import { UsageWindowWriter } from './UsageWindowWriter';

/** Every store of the plugin, on one database. */
export type AiCostStores = Awaited<ReturnType<typeof createStores>>;

/**
 * Migrates the plugin's database (unless `database.migrations.skip`) and
 * builds every store on it: the one place stores are made. Pulled runs and
 * pushed sources share one {@link UsageWindowWriter}, the only writer of
 * `ai_cost_usage`.
 */
export async function createStores(options: {
  database: DatabaseService;
  /**
   * `aiCost.currency` and `aiCost.exchangeRates`: usage in other currencies
   * is converted on its way into the store. Without it, stored as given.
   */
  currency?: { reporting: string; exchangeRates: ExchangeRateEntry[] };
}) {
  const { database, currency } = options;
  await applyMigrations(database);
  const db = await database.getClient();
  const exchangeRates = new DatabaseExchangeRateStore(
    db,
    currency?.exchangeRates,
  );
  const writer = new UsageWindowWriter(
    currency && { reporting: currency.reporting, rates: exchangeRates },
  );
  return {
    exchangeRates,
    usage: new DatabaseAiCostStore(db, writer),
    attribution: new DatabaseAttributionStore(
      new DatabaseCatalogSnapshotStore(db),
      new DatabaseAttributedSpendStore(db),
    ),
    budgets: new DatabaseBudgetStore(db),
    budgetRequests: new DatabaseBudgetRequestStore(db),
    anomalies: new DatabaseAnomalyStore(db),
    anomalySettings: new DatabaseAnomalySettingsStore(db),
    recommendations: new DatabaseRecommendationStore(db),
    push: new DatabasePushStore(
      new DatabaseGatewayEventStore(db, writer),
      new DatabaseFocusFileStore(db, writer),
    ),
    expenses: new DatabaseExpenseStore(db, writer),
    requests: new DatabaseTaskRequestStore(db),
    allocationRules: new DatabaseAllocationRuleStore(db),
    chargeback: new DatabaseChargebackStore(db),
    digests: new DatabaseDigestStore(db),
    policies: new DatabasePolicyStore(db),
    metrics: new DatabaseMetricStore(db),
    subscriptions: new DatabaseSubscriptionStore(db),
  };
}
