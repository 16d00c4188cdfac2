import { createHash } from 'node:crypto';
import type {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  PermissionsService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  AiCostProvider,
  PricingService,
} from '@ai-cost/plugin-ai-cost-node';
import { AllocationService } from './allocation/AllocationService';
import { AnomalyMonitor } from './anomalies/AnomalyMonitor';
import { AnomalyThresholdService } from './anomalies/AnomalyThresholdService';
import { ChargebackService } from './chargeback/ChargebackService';
import { PlanningService } from './planning/PlanningService';
import { Attributor } from './attribution/Attributor';
import { ClaimStateService } from './attribution/ClaimStateService';
import { CatalogIndexReader } from './attribution/CatalogIndex';
import {
  CatalogIndexer,
  requestReattribution,
} from './attribution/CatalogIndexer';
import { BudgetMonitor } from './budgets/BudgetMonitor';
import { BudgetService } from './budgets/BudgetService';
import { BudgetRequestService } from './budgetRequests/BudgetRequestService';
import {
  AllocationPolicy,
  splitMetricLoader,
  type AllocationSettings,
} from './allocation';
import type { AiCostSettings } from './config/readAiCostSettings';
import { AttributedSpendCache } from './costs/AttributedSpendCache';
import { CostQueryService } from './costs/CostQueryService';
import { createStores } from './database';
import { DatabaseBillingValueStore } from './database/DatabaseBillingValueStore';
import { DemoMetricsTask } from './demo/DemoMetricsTask';
import {
  DigestService,
  type PolicyViolationSummary,
} from './digests/DigestService';
import { DigestTask } from './digests/DigestTask';
import { InsightFactsService } from './insights/InsightFactsService';
import { DemoAllSpendProvider } from './demo/DemoAllSpendProvider';
import { DemoUsageProvider } from './demo/DemoUsageProvider';
import { seedDemoBudgetRequest } from './demo/seedDemoBudgetRequest';
import { IngestionEngine } from './ingestion/IngestionEngine';
import { PrometheusMetricsPuller } from './metrics/prometheus/PrometheusMetricsPuller';
import { OwnerNotifier } from './notifications/OwnerNotifier';
import { PostAttributionTask } from './postAttribution/PostAttributionTask';
import { GuardrailService } from './policies/GuardrailService';
import { PolicyService } from './policies/PolicyService';
import { GenaiPricesPricingService } from './pricing/GenaiPricesPricingService';
import { PushIngestService } from './push/PushIngestService';
import { buildVendorMatcher } from './expenses/aiVendors';
import { ExpenseService } from './expenses/ExpenseService';
import { RecommendationMonitor } from './recommendations/RecommendationMonitor';
import { RecommendationService } from './recommendations/RecommendationService';
import type { RouterOptions } from './service/router';
import { UnitEconomicsService } from './unitEconomics/UnitEconomicsService';
import { EntityAccess } from './service/EntityAccess';
import { SubscriptionService } from './subscriptions/SubscriptionService';
import { SubscriptionUsageProvider } from './subscriptions/SubscriptionUsageProvider';
import {
  SUBSCRIPTION_PROVIDER,
  SUBSCRIPTION_SOURCE_ID,
} from './subscriptions/types';
import { ExchangeRateService } from './currency/ExchangeRateService';

/** The services the plugin is built from; `plugin.ts` passes Backstage's. */
export interface AiCostServiceDeps {
  settings: AiCostSettings;
  database: DatabaseService;
  scheduler: SchedulerService;
  logger: LoggerService;
  auth: AuthService;
  auditor: AuditorService;
  permissions: PermissionsService;
  catalog: CatalogService;
  notifications: Pick<NotificationService, 'send'>;
  /** Sources registered by provider modules. */
  providers: AiCostProvider[];
  /** Default: the bundled genai-prices data. */
  pricing?: PricingService;
  /** The clock of budgets, anomalies, recommendations and pushes. */
  now?: () => Date;
  /** Model policy violations for digests and Tech Insights facts; default: the plugin's model policies. */
  policyViolations?: PolicyViolationSummary;
}

/**
 * Builds every store and service of the plugin and wires them together: the
 * one place the plugin is composed. `plugin.ts` calls it with Backstage's
 * core services and starts the tasks; the tests and `yarn bench` call it with
 * test doubles of those services, so they exercise the same wiring.
 */
export async function createAiCostServices(deps: AiCostServiceDeps) {
  const { settings, database, logger, scheduler, now } = deps;
  const { currency } = settings;

  const stores = await createStores({
    database,
    currency: { reporting: currency, exchangeRates: settings.exchangeRates },
  });
  const {
    usage: store,
    attribution: attributionStore,
    budgets: budgetStore,
    anomalies: anomalyStore,
    recommendations: recommendationStore,
    push: pushStore,
    requests,
  } = stores;

  const pricing = deps.pricing ?? new GenaiPricesPricingService();
  const index = new CatalogIndexReader(attributionStore);
  const splitMetrics = splitMetricLoader(stores.metrics);
  // The ingestion engine, built below, runs the subscriptions source, which
  // a portal change of a subscription refreshes.
  const engine: { ingestion?: IngestionEngine } = {};
  const subscriptions = new SubscriptionService({
    settings: settings.subscriptions,
    store: stores.subscriptions,
    metrics: stores.metrics,
    index,
    currency,
    now,
    // A portal change re-reads the source (amounts, days) and re-attributes
    // all its stored spend (assignments); a run under way reads it anyway.
    refresh: async () => {
      await engine.ingestion?.refresh(SUBSCRIPTION_SOURCE_ID).catch(error => {
        if (error?.name !== 'ConflictError') throw error;
      });
      await requestReattribution({ requests, scheduler }, [
        SUBSCRIPTION_PROVIDER,
      ]);
    },
  });
  const allocation = new AllocationService({
    synthesizedRules: () => subscriptions.rules(),
    splitMetrics,
    settings: settings.allocation,
    rules: stores.allocationRules,
    attribution: attributionStore,
    index,
    currency,
    now,
    reattribute: providers =>
      requestReattribution({ requests, scheduler }, providers),
  });
  const attributor = new Attributor({
    store: attributionStore,
    index,
    logger,
    allocationPolicy: () => allocation.policy(),
    splitMetrics,
  });
  const notifier = new OwnerNotifier({
    notifications: deps.notifications,
    index,
    logger,
  });
  const budgets = new BudgetService({
    store: budgetStore,
    index,
    currency,
    // Scopes name allocation tags and their canonical values (config only).
    tags: new AllocationPolicy(settings.allocation),
    now,
  });
  const budgetRequests = new BudgetRequestService({
    store: stores.budgetRequests,
    budgets,
    index,
    notifier,
    settings: settings.budgetApproval,
    currency,
    now,
  });
  if (settings.demo) {
    await seedDemoBudgetRequest(stores.budgetRequests, now?.() ?? new Date());
  }
  const budgetMonitor = new BudgetMonitor({
    budgets,
    budgetStore,
    attribution: attributionStore,
    anomalies: anomalyStore,
    index,
    notifier,
    currency,
    now,
  });
  const anomalyThresholds = new AnomalyThresholdService({
    index,
    store: stores.anomalySettings,
    defaults: settings.anomalyThreshold,
    currency,
  });
  const anomalyMonitor = new AnomalyMonitor({
    attribution: attributionStore,
    anomalies: anomalyStore,
    index,
    notifier,
    currency,
    notifySeverity: settings.notifySeverity,
    thresholds: anomalyThresholds,
    now,
  });
  const policies = new PolicyService({
    settings: settings.policies,
    store: stores.policies,
    attribution: attributionStore,
    index,
    normalizeEnvironment: async () => {
      const policy = await allocation.policy();
      return value => policy.normalize('environment', value);
    },
    notifier,
    now,
  });
  const guardrails = new GuardrailService({
    index,
    policies,
    budgets: budgetMonitor,
    currency,
  });
  const recommendationMonitor = new RecommendationMonitor({
    attribution: attributionStore,
    recommendations: recommendationStore,
    index,
    pricing,
    currency,
    now,
    extraFindings: () => subscriptions.idleSeatFindings(),
  });
  const postAttribution = new PostAttributionTask({
    scheduler,
    requests,
    logger,
    schedule: settings.postAttributionSchedule,
    steps: {
      detectAnomalies: () => anomalyMonitor.detect(),
      checkBudgetAlerts: () => budgetMonitor.checkAlerts(),
      evaluateRecommendations: () => recommendationMonitor.evaluate(),
      notifyPolicyViolations: () => {
        // Budget statuses changed with the spend.
        guardrails.invalidate();
        return policies.notifyNewViolations();
      },
    },
  });
  const afterAttribution = () => postAttribution.request();

  const indexer = new CatalogIndexer({
    catalog: deps.catalog,
    auth: deps.auth,
    scheduler,
    logger,
    store: attributionStore,
    requests,
    attributor,
    schedule: settings.indexSchedule,
    afterAttribution,
    allocationFingerprint: fingerprintAllocation(
      settings.subscriptions.length > 0
        ? { ...settings.allocation, subscriptions: settings.subscriptions }
        : settings.allocation,
    ),
  });
  const ingestion = (engine.ingestion = new IngestionEngine({
    store,
    requests,
    scheduler,
    logger,
    pricing,
    settings: settings.ingestion,
    providers: [
      ...deps.providers,
      new SubscriptionUsageProvider(() => subscriptions.all()),
      ...(settings.demo
        ? [
            new DemoUsageProvider('openai'),
            new DemoUsageProvider('anthropic'),
            new DemoAllSpendProvider('aws'),
            new DemoAllSpendProvider('kubernetes'),
            new DemoAllSpendProvider('expense'),
          ]
        : []),
    ],
    onIngested: async ({ sourceId, window }) => {
      await attributor.attributeSource(sourceId, window);
      await afterAttribution();
    },
    now,
  }));
  const push = new PushIngestService({
    store: pushStore,
    pricing,
    currency,
    attributor,
    afterAttribution,
    logger,
    settings: settings.push,
    classification: settings.classification,
    exchangeRates: stores.exchangeRates,
    now,
  });
  const expenses = new ExpenseService({
    store: stores.expenses,
    currency,
    vendors: buildVendorMatcher(settings.expenses.aiVendors),
    index,
    attributor,
    afterAttribution,
    logger,
    maxImportBytes: settings.push.maxImportBytes,
  });
  const costs = new CostQueryService({
    store: attributionStore,
    spendCache: new AttributedSpendCache(attributionStore, {
      maxBytes: settings.queryCacheBytes,
    }),
    index,
    pricing,
    currency,
    tagKeys: settings.allocation.tagKeys,
    coverageThreshold: settings.allocation.coverageThreshold,
    allocationPolicy: () => allocation.policy(),
    demoSourceIds: async () =>
      new Set((await store.listSources()).filter(s => s.demo).map(s => s.id)),
  });
  const entities = new EntityAccess({
    catalog: deps.catalog,
    permissions: deps.permissions,
  });
  const recommendations = new RecommendationService({
    store: recommendationStore,
    currency,
    now,
  });

  const policyViolations =
    deps.policyViolations ??
    ((entityRef: string, from: string, to: string) =>
      policies.violationSummary(entityRef, from, to));
  const digests = new DigestService({
    settings: settings.digests,
    store: stores.digests,
    attribution: attributionStore,
    anomalies: anomalyStore,
    recommendations: recommendationStore,
    budgets: budgetMonitor,
    index,
    notifications: deps.notifications,
    logger,
    currency,
    policyViolations,
    now,
  });
  const digestTask = new DigestTask({
    scheduler,
    logger,
    digests,
    demo: settings.demo,
  });
  const insightFacts = new InsightFactsService({
    index,
    attribution: attributionStore,
    anomalies: anomalyStore,
    budgets: budgetMonitor,
    policyViolations,
    now,
  });

  const chargeback = new ChargebackService({
    store: stores.chargeback,
    attribution: attributionStore,
    index,
    currency,
    now,
  });
  const planning = new PlanningService({
    attribution: attributionStore,
    index,
    budgets,
    forecast: entityRef => budgetMonitor.monthForecast(entityRef),
    currency,
    headroom: settings.budgetSuggestionHeadroom,
    now,
  });

  const unitEconomics = new UnitEconomicsService({
    metrics: stores.metrics,
    attribution: attributionStore,
    index,
    currency,
    onPushed: metrics => allocation.metricsChanged(metrics),
  });
  const prometheusMetrics = new PrometheusMetricsPuller({
    sources: settings.prometheus,
    store: stores.metrics,
    scheduler,
    logger: logger.child({ component: 'prometheus-metrics' }),
    now,
    onPulled: async sourceId =>
      allocation.metricsChanged(
        settings.prometheus
          .find(source => source.id === sourceId)!
          .queries.map(query => query.metric),
      ),
  });

  const demoMetrics = settings.demo
    ? new DemoMetricsTask({
        store: stores.metrics,
        scheduler,
        days: settings.ingestion.backfillDays,
        now,
      })
    : undefined;

  const routerOptions: Omit<RouterOptions, 'httpAuth'> = {
    currency,
    permissions: deps.permissions,
    auditor: deps.auditor,
    store,
    ingestion,
    costs,
    index,
    indexer,
    entities,
    budgets,
    budgetRequests,
    budgetMonitor,
    anomalies: anomalyStore,
    anomalyThresholds,
    anomalySettings: stores.anomalySettings,
    claimStates: new ClaimStateService({
      billed: new DatabaseBillingValueStore(await database.getClient()),
      index,
      sourceProviders: async () =>
        (await store.listSources()).map(source => source.provider),
      currency,
      now,
    }),
    recommendations,
    push,
    expenses,
    allocation,
    chargeback,
    planning,
    unitEconomics,
    subscriptions,
    exchangeRates: new ExchangeRateService({
      store: stores.exchangeRates,
      currency,
    }),
    digests,
    insightFacts,
    policies,
    guardrails,
  };

  return {
    settings,
    stores,
    pricing,
    index,
    attributor,
    indexer,
    ingestion,
    push,
    expenses,
    costs,
    entities,
    budgets,
    budgetRequests,
    budgetMonitor,
    anomalyMonitor,
    anomalyThresholds,
    recommendationMonitor,
    recommendations,
    allocation,
    chargeback,
    unitEconomics,
    subscriptions,
    prometheusMetrics,
    postAttribution,
    digests,
    policies,
    guardrails,
    routerOptions,
    /** Schedules the global tasks: sources, the catalog index, Prometheus and demo metrics, post-attribution, digests. */
    async startTasks() {
      await indexer.start();
      await ingestion.start();
      await prometheusMetrics.start();
      await demoMetrics?.start();
      await postAttribution.start();
      await digestTask.start();
    },
  };
}

/** What {@link createAiCostServices} builds. */
export type AiCostServices = Awaited<ReturnType<typeof createAiCostServices>>;

/** Identifies the configured allocation rules; stored with the catalog index. */
function fingerprintAllocation(
  settings: AllocationSettings | Record<string, unknown>,
): string {
  return createHash('sha256')
    .update(JSON.stringify(settings))
    .digest('hex')
    .slice(0, 16);
}
