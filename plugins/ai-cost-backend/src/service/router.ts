import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  aiCostAdminPermission,
  aiCostBudgetUpdatePermission,
  aiCostOrgReadPermission,
  budgetQuerySchema,
  budgetStatusQuerySchema,
  costsQuerySchema,
  entityRefSchema,
  isoDaySchema,
  microsToNumber,
  refineWindow,
  rollupQuerySchema,
  spendForecastQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import { z } from 'zod';
import type { Request } from 'express';
import type {
  AiCostStore,
  AnomalySettingsStore,
  AnomalyStore,
} from '../database';
import type { IngestionEngine } from '../ingestion/IngestionEngine';
import type { CatalogIndexer } from '../attribution/CatalogIndexer';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { CostQueryService } from '../costs/CostQueryService';
import type { VisibilityCheck } from '../costs/visibility';
import type { BudgetMonitor } from '../budgets/BudgetMonitor';
import type { BudgetService } from '../budgets/BudgetService';
import type { BudgetRequestService } from '../budgetRequests/BudgetRequestService';
import { registerBudgetRequestRoutes } from './budgetRequestRoutes';
import type { EntityAccess } from './EntityAccess';
import { spec } from '../schema/openapi.generated';
import { registerAnomalyRoutes } from './anomalyRoutes';
import type { AnomalyThresholdService } from '../anomalies/AnomalyThresholdService';
import type { ClaimStateService } from '../attribution/ClaimStateService';
import { registerAttributionRoutes } from './attributionRoutes';
import type { AllocationService } from '../allocation/AllocationService';
import { registerAllocationRoutes } from './allocationRoutes';
import type { SubscriptionService } from '../subscriptions/SubscriptionService';
import { registerSubscriptionRoutes } from './subscriptionRoutes';
import type { ExpenseService } from '../expenses/ExpenseService';
import { registerExpenseRoutes } from './expenseRoutes';
import type { ChargebackService } from '../chargeback/ChargebackService';
import { registerChargebackRoutes } from './chargebackRoutes';
import type { PlanningService } from '../planning/PlanningService';
import { registerPlanningRoutes } from './planningRoutes';
import type { DigestService } from '../digests/DigestService';
import type { InsightFactsService } from '../insights/InsightFactsService';
import { registerDigestRoutes } from './digestRoutes';
import { registerInsightRoutes } from './insightRoutes';
import type { GuardrailService } from '../policies/GuardrailService';
import type { PolicyService } from '../policies/PolicyService';
import { GUARDRAIL_DECISION_PATH, registerPolicyRoutes } from './policyRoutes';
import type { ExchangeRateService } from '../currency/ExchangeRateService';
import { registerCurrencyRoutes } from './currencyRoutes';
import type { UnitEconomicsService } from '../unitEconomics/UnitEconomicsService';
import { registerMetricsRoutes } from './metricsRoutes';
import type { RecommendationService } from '../recommendations/RecommendationService';
import { registerRecommendationRoutes } from './recommendationRoutes';
import type { PushIngestService } from '../push/PushIngestService';
import { pushAwareMiddleware, registerPushRoutes } from './pushRoutes';
import { parseInput } from './parseInput';
import { budgetInputOf } from './budgetRequest';
import { streamTo } from './streamTo';
import { requestAuthorizer, requirePermission } from './requirePermission';
import { audited, requestAuditor } from './audited';
import { principalRef } from './principalRef';

/** A `from`/`to` query window, both days inclusive. */
const windowSchema = z
  .object({ from: isoDaySchema, to: isoDaySchema })
  .strict()
  .superRefine(refineWindow);

/** Query of `GET /export.csv`: the entity is optional. */
const exportQuerySchema = z
  .object({
    entityRef: entityRefSchema.optional(),
    from: isoDaySchema,
    to: isoDaySchema,
  })
  .strict()
  .superRefine(refineWindow);

/** @internal */
export interface RouterOptions {
  currency: string;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  /** Every write is audited through it. */
  auditor: AuditorService;
  store: AiCostStore;
  ingestion: Pick<IngestionEngine, 'refresh'>;
  costs: CostQueryService;
  index: CatalogIndexReader;
  indexer: Pick<CatalogIndexer, 'refresh'>;
  entities: EntityAccess;
  budgets: BudgetService;
  /** Budget requests and their approval. */
  budgetRequests: BudgetRequestService;
  budgetMonitor: Pick<
    BudgetMonitor,
    'status' | 'allStatuses' | 'monthForecast'
  >;
  anomalies: AnomalyStore;
  /** The anomaly threshold in force per entity (`GET /anomalies/settings`). */
  anomalyThresholds: Pick<AnomalyThresholdService, 'effectiveThreshold'>;
  /** Thresholds set in the portal (`PUT /anomalies/settings`). */
  anomalySettings: AnomalySettingsStore;
  /** Claim previews, billed values and whether claims can match. */
  claimStates: ClaimStateService;
  /** Optimization recommendations; their routes are absent without it. */
  recommendations?: RecommendationService;
  /** Pushed events and FOCUS imports; their routes are absent without it. */
  push?: PushIngestService;
  /** Allocation rules and their previews. */
  allocation: AllocationService;
  /** Expense imports and the shadow-AI report; their routes are absent without it. */
  expenses?: ExpenseService;
  /** Subscriptions and seats; their routes are absent without it. */
  subscriptions?: SubscriptionService;
  /** Monthly chargeback statements and month close. */
  chargeback: ChargebackService;
  /** Budget suggestions and the year's plan per team. */
  planning: PlanningService;
  /** Exchange rates into the reporting currency: imports and the list. */
  exchangeRates: ExchangeRateService;
  /** Business metrics and unit costs. */
  unitEconomics: UnitEconomicsService;
  /** Owner digests and the leadership report, sent now by an admin. */
  digests: DigestService;
  /** Every entity's facts for Tech Insights. */
  insightFacts: InsightFactsService;
  /** Model policies, their violations and exceptions. */
  policies: PolicyService;
  /** The gateway guardrail's decisions. */
  guardrails: GuardrailService;
}

/**
 * The REST API of the plugin. Thin: requests are validated by the zod
 * schemas of -common, domain rules live in the services it calls.
 * @internal
 */
export async function createRouter(options: RouterOptions) {
  const { currency, httpAuth, permissions, store, ingestion } = options;
  const { costs, index, indexer, entities, budgets, budgetMonitor } = options;
  const router = createValidatedOpenApiRouter(spec, {
    middleware: pushAwareMiddleware(options.push),
    // Requests are validated once, by the zod schemas of -common, whose
    // errors name the field; the spec documents them (a test keeps its
    // enums equal to zod's) and tests check every response against it.
    // The validator's route lookup compiles every path of the spec on each
    // request; the gateways' hot path skips it (see policyRoutes.ts).
    validatorOptions: {
      validateRequests: false,
      ignorePaths: GUARDRAIL_DECISION_PATH,
    },
  });

  const authorize = requestAuthorizer(httpAuth, permissions);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/costs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(costsQuerySchema, req.query);
    const entity = await entities.readable(query.entityRef, credentials);
    const result = await costs.entityCosts({
      entity,
      window: query,
      visible: refs => entities.visible(refs, credentials),
    });
    res.json(result);
  });

  router.get('/rollup', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const query = parseInput(rollupQuerySchema, req.query);
    res.json(
      await costs.rollup(
        query,
        query.metric && query.groupBy.startsWith('tag:')
          ? await options.unitEconomics.valuesByTag(
              query.groupBy.slice('tag:'.length),
              query.metric,
              query,
            )
          : undefined,
      ),
    );
  });

  router.get('/export.csv', async (req, res) => {
    const query = parseInput(exportQuerySchema, req.query);
    let entity: { entityRef: string; visible: VisibilityCheck } | undefined;
    if (query.entityRef) {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { entityRef } = await entities.readable(
        query.entityRef,
        credentials,
      );
      entity = {
        entityRef,
        visible: refs => entities.visible(refs, credentials),
      };
    } else {
      await authorize(req, aiCostOrgReadPermission);
    }
    const lines = await costs.exportCsv({ window: query, entity });
    const name = `ai-cost_${
      entity ? entity.entityRef.replace(/[^a-z0-9_.-]+/gi, '_') : 'all'
    }_${query.from}_${query.to}.csv`;
    res.status(200).type('text/csv; charset=utf-8').attachment(name);
    await streamTo(res, lines);
  });

  router.get('/attribution', async (req, res) => {
    await authorize(req, aiCostOrgReadPermission);
    const { state, graph, claims, claimsOf, problems } = await index.read();
    let claimingEntities = 0;
    let claimCount = 0;
    for (const node of graph.nodes()) {
      const count = claimsOf(node.entityRef).length;
      if (count > 0) claimingEntities += 1;
      claimCount += count;
    }
    res.json({
      builtAt: state?.builtAt ?? null,
      entities: graph.size,
      claimingEntities,
      claims: claimCount,
      conflicts: claims.conflicts(),
      problems,
    });
  });

  router.post('/attribution/refresh', async (req, res) => {
    await audited(
      options.auditor,
      { eventId: 'attribution-refresh', severityLevel: 'medium', request: req },
      async () => {
        await authorize(req, aiCostAdminPermission);
        await indexer.refresh();
      },
    );
    res.status(202).json({ status: 'triggered' as const });
  });

  /** The entity of a budget request, when the caller may change its budget. */
  async function budgetEntity(req: Request) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, scope } = parseInput(budgetQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    await requirePermission(permissions, credentials, {
      permission: aiCostBudgetUpdatePermission,
      resourceRef: entity.entityRef,
    });
    return { entity, scope, credentials };
  }

  router.get('/budgets', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { entityRef, scope } = parseInput(budgetQuerySchema, req.query);
    const entity = await entities.readable(entityRef, credentials);
    res.json(await budgets.get(entity.entityRef, scope));
  });

  router.get('/budgets/status', async (req, res) => {
    const { entityRef } = parseInput(budgetStatusQuerySchema, req.query);
    if (!entityRef) {
      await authorize(req, aiCostOrgReadPermission);
      res.json(await budgetMonitor.allStatuses());
      return;
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await entities.readable(entityRef, credentials);
    res.json(await budgetMonitor.status(entity.entityRef));
  });

  router.get('/forecast', async (req, res) => {
    const { entityRef } = parseInput(spendForecastQuerySchema, req.query);
    if (!entityRef) {
      await authorize(req, aiCostOrgReadPermission);
      res.json(await budgetMonitor.monthForecast());
      return;
    }
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entity = await entities.readable(entityRef, credentials);
    res.json(await budgetMonitor.monthForecast(entity.entityRef));
  });

  router.put('/budgets', async (req, res) => {
    const { entity, scope, credentials } = await budgetEntity(req);
    const input = budgetInputOf(req.body, entity.entityRef);
    res.json(
      await budgets.put({
        entityRef: entity.entityRef,
        scope,
        input,
        principal: principalRef(credentials),
        audit: requestAuditor(options.auditor, req),
      }),
    );
  });

  router.delete('/budgets', async (req, res) => {
    const { entity, scope } = await budgetEntity(req);
    await budgets.delete({
      entityRef: entity.entityRef,
      scope,
      audit: requestAuditor(options.auditor, req),
    });
    res.status(204).end();
  });

  registerBudgetRequestRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    entities,
    budgetRequests: options.budgetRequests,
  });

  registerAttributionRoutes(router, { ...options, httpAuth, entities });

  registerChargebackRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    chargeback: options.chargeback,
  });

  registerDigestRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    digests: options.digests,
  });

  registerInsightRoutes(router, {
    httpAuth,
    permissions,
    currency,
    insightFacts: options.insightFacts,
  });

  registerPlanningRoutes(router, {
    httpAuth,
    permissions,
    entities,
    planning: options.planning,
  });

  registerPolicyRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    entities,
    index,
    policies: options.policies,
    guardrails: options.guardrails,
  });

  registerCurrencyRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    exchangeRates: options.exchangeRates,
  });

  registerMetricsRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    entities,
    unitEconomics: options.unitEconomics,
  });

  registerAllocationRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    allocation: options.allocation,
    costs,
  });

  if (options.expenses) {
    registerExpenseRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.auditor,
      expenses: options.expenses,
    });
  }

  if (options.subscriptions) {
    registerSubscriptionRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.auditor,
      subscriptions: options.subscriptions,
    });
  }

  registerAnomalyRoutes(router, {
    httpAuth,
    permissions,
    auditor: options.auditor,
    anomalies: options.anomalies,
    entities,
    index,
    anomalyThresholds: options.anomalyThresholds,
    anomalySettings: options.anomalySettings,
  });

  if (options.recommendations) {
    registerRecommendationRoutes(router, {
      httpAuth,
      permissions,
      auditor: options.auditor,
      recommendations: options.recommendations,
      entities,
      index,
    });
  }

  router.get('/sources', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // Run errors are for administrators (see the spec): they can name
    // accounts, endpoints and provider messages.
    const [decision] = await permissions.authorize(
      [{ permission: aiCostAdminPermission }],
      { credentials },
    );
    const admin = decision.result === AuthorizeResult.ALLOW;
    const sources = await store.listSources();
    res.json(
      sources.map(({ backfilledFrom: _, ...source }) =>
        admin ? source : { ...source, lastError: null },
      ),
    );
  });

  router.post('/sources/:id/refresh', async (req, res) => {
    const { id } = req.params;
    await audited(
      options.auditor,
      {
        eventId: 'source-refresh',
        severityLevel: 'medium',
        request: req,
        meta: { sourceId: id },
      },
      async () => {
        await authorize(req, aiCostAdminPermission);
        await ingestion.refresh(id);
      },
    );
    res.status(202).json({ id, status: 'triggered' as const });
  });

  router.get('/reconciliation', async (req, res) => {
    await authorize(req, aiCostAdminPermission);
    const { from, to } = parseInput(windowSchema, req.query);
    const days = await store.dailyReconciliation({ from, to });
    res.json({
      currency,
      from,
      to,
      days: days.map(day => ({
        date: day.date,
        sourceId: day.sourceId,
        provider: day.provider,
        billed: microsToNumber(day.billed),
        estimatedOfBilled: microsToNumber(day.estimatedOfBilled),
        gap: microsToNumber(day.billed - day.estimatedOfBilled),
        estimatedOnly: microsToNumber(day.estimatedOnly),
        unpricedRecords: day.unpricedRecords,
      })),
    });
  });

  if (options.push) {
    registerPushRoutes(router, {
      push: options.push,
      httpAuth,
      permissions,
      auditor: options.auditor,
    });
  }

  return router;
}
