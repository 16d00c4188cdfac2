import type { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseAiCostStore } from './DatabaseAiCostStore';
import { DatabaseAllocationRuleStore } from './DatabaseAllocationRuleStore';
import { DatabaseChargebackStore } from './DatabaseChargebackStore';
import { DatabaseMetricStore } from './DatabaseMetricStore';
import { DatabaseAnomalyStore } from './DatabaseAnomalyStore';
import { DatabaseAttributedSpendStore } from './DatabaseAttributedSpendStore';
import { DatabaseAttributionStore } from './DatabaseAttributionStore';
import { DatabaseBudgetStore } from './DatabaseBudgetStore';
import { DatabaseCatalogSnapshotStore } from './DatabaseCatalogSnapshotStore';
import { DatabaseFocusFileStore } from './DatabaseFocusFileStore';
import { DatabaseGatewayEventStore } from './DatabaseGatewayEventStore';
import { DatabasePushStore } from './DatabasePushStore';
import { DatabaseRecommendationStore } from './DatabaseRecommendationStore';
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
export async function createStores(options: { database: DatabaseService }) {
  const { database } = options;
  await applyMigrations(database);
  const db = await database.getClient();
  const writer = new UsageWindowWriter();
  return {
    usage: new DatabaseAiCostStore(db, writer),
    attribution: new DatabaseAttributionStore(
      new DatabaseCatalogSnapshotStore(db),
      new DatabaseAttributedSpendStore(db),
    ),
    budgets: new DatabaseBudgetStore(db),
    anomalies: new DatabaseAnomalyStore(db),
    recommendations: new DatabaseRecommendationStore(db),
    push: new DatabasePushStore(
      new DatabaseGatewayEventStore(db, writer),
      new DatabaseFocusFileStore(db, writer),
    ),
    requests: new DatabaseTaskRequestStore(db),
    allocationRules: new DatabaseAllocationRuleStore(db),
    chargeback: new DatabaseChargebackStore(db),
    metrics: new DatabaseMetricStore(db),
  };
}
