import { createApiRef } from '@backstage/core-plugin-api';
import type {
  ShadowAiResponse,
  BudgetSuggestion,
  YearPlanResponse,
  ChargebackStatement,
  AllocationCoverage,
  AllocationRuleInput,
  AllocationRulePreview,
  AllocationRulesResponse,
  SubscriptionInput,
  SubscriptionsResponse,
  SubscriptionView,
  SplitRuleView,
  VirtualTagRuleView,
  EntityClaimStates,
  AnomaliesResponse,
  Anomaly,
  AnomalySettings,
  AnomalyFeedbackValue,
  ModelPolicy,
  PolicyException,
  PolicyExceptionInput,
  PolicyViolation,
  AttributionPreviewRequest,
  AttributionPreviewResponse,
  AttributionStatus,
  AttributionValuesResponse,
  Budget,
  BudgetApprovalRequest,
  BudgetPeriod,
  BudgetRequestStatus,
  BudgetStatus,
  SpendForecast,
  EntityCostsResponse,
  MetricsResponse,
  Recommendation,
  RecommendationsResponse,
  RollupQuery,
  RollupResponse,
  SourceInfo,
  UnitCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';

/** A virtual-tag or split rule as in `aiCost.allocation` (`kind` optional). @public */
export type AllocationRuleBody = Partial<AllocationRuleInput> & {
  match: Record<string, string>;
};

/** Request of {@link AiCostApi.listBudgetRequests}. @public */
export interface ListBudgetRequestsRequest {
  status?: BudgetRequestStatus;
  entityRef?: string;
}

/** A window of whole UTC days, `YYYY-MM-DD`, both inclusive. @public */
export interface CostWindow {
  from: string;
  to: string;
}

/** Request of {@link AiCostApi.getCosts}. @public */
export interface GetCostsRequest extends CostWindow {
  /** Full entity reference, e.g. `component:default/search-api`. */
  entityRef: string;
}

/** A dimension of {@link AiCostApi.getRollup}. @public */
export type RollupGroupBy = RollupQuery['groupBy'];

/** Request of {@link AiCostApi.getRollup}. @public */
export interface GetRollupRequest extends CostWindow {
  groupBy: RollupGroupBy;
  /** A business metric each item is measured by, e.g. `revenue`: adds unit costs, and margins for money. */
  metric?: string;
}

/** Request of {@link AiCostApi.getUnitCosts}. @public */
export interface GetUnitCostsRequest extends CostWindow {
  /** Full entity reference, e.g. `component:default/search-api`. */
  entityRef: string;
  /** Default: the entity's `ai-cost/unit-metric` annotation, else `requests`. */
  metric?: string;
}

/** Request of a CSV export; without `entityRef` the export is org-wide (needs `ai-cost.org.read`). @public */
export interface ExportCsvRequest extends CostWindow {
  entityRef?: string;
}

/** A downloaded CSV export. @public */
export interface CsvExport {
  blob: Blob;
  /** From the response's `Content-Disposition`, or derived from the request. */
  filename: string;
}

/** Request of {@link AiCostApi.getAttributionValues}. @public */
export interface GetAttributionValuesRequest {
  /** Only values of this provider, e.g. `openai`. */
  provider?: string;
  /** Case-insensitive substring of the value. */
  q?: string;
  /** At most this many values, 1 to 1000; the server's default is 100. */
  limit?: number;
}

/**
 * Request of {@link AiCostApi.previewAttribution}: the entity's
 * `catalog-info.yaml` as it is (one document), sent as `text/yaml` so the
 * server reports YAML errors, or the entity as JSON.
 * @public
 */
export type PreviewAttributionRequest =
  | { yaml: string }
  | AttributionPreviewRequest;

/** A request about one catalog entity. @public */
export interface EntityRequest {
  /** Full entity reference, e.g. `component:default/search-api`. */
  entityRef: string;
}

/** Request of {@link AiCostApi.getSpendForecast}. @public */
export interface GetSpendForecastRequest {
  /** Full entity reference; without it, the whole organisation. */
  entityRef?: string;
}

/** A request about one budget of an entity: the overall one, or one scoped to an allocation tag value. @public */
export interface BudgetScopeRequest extends EntityRequest {
  /** `<tag>:<value>` such as `environment:staging`; the overall budget when omitted. */
  scope?: string;
}

/**
 * Request of {@link AiCostApi.setBudget}: `PUT /budgets?entityRef=&scope=`
 * with the other fields as the JSON body. Omitted fields take the server
 * defaults (`month`, thresholds 50/80/100%, the reporting currency).
 * @public
 */
export interface SetBudgetRequest extends BudgetScopeRequest {
  /** The budget per period in `currency`, greater than 0. */
  amount: number;
  period?: BudgetPeriod;
  /** Alert thresholds as fractions of the budget, e.g. `[0.5, 0.8, 1]`. */
  thresholds?: number[];
  /** Must be the reporting currency when given. */
  currency?: string;
}

/**
 * Request of {@link AiCostApi.setAnomalySettings}: `PUT /anomalies/settings`.
 * Null (or absent) clears a part; both cleared removes the portal setting.
 * @public
 */
export interface SetAnomalySettingsRequest extends EntityRequest {
  /** Minimum impact in the reporting currency. */
  minImpact?: number | null;
  /** Minimum impact in percent of the expected spend (0–1000). */
  minImpactPercent?: number | null;
}

/** Which anomalies {@link AiCostApi.listAnomalies} returns. @public */
export type AnomalyStatusFilter = 'open' | 'resolved' | 'all';

/** Request of {@link AiCostApi.listAnomalies}. @public */
export interface ListAnomaliesRequest {
  /** One entity and its descendants; org-wide (needs `ai-cost.org.read`) when omitted. */
  entityRef?: string;
  /** The server's default is `all`. */
  status?: AnomalyStatusFilter;
  /** Items per page, 1 to 500; the server's default is 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Body of {@link AiCostApi.setAnomalyFeedback}. @public */
export interface AnomalyFeedbackRequest {
  feedback: AnomalyFeedbackValue;
  comment?: string;
}

/** Which recommendations {@link AiCostApi.listRecommendations} returns. @public */
export type RecommendationStatusFilter =
  | 'open'
  | 'dismissed'
  | 'snoozed'
  | 'all';

/** Request of {@link AiCostApi.listRecommendations}. @public */
export interface ListRecommendationsRequest {
  /** One entity and its descendants; org-wide (needs `ai-cost.org.read`) when omitted. */
  entityRef?: string;
  /** The server's default is `open`. */
  status?: RecommendationStatusFilter;
  /** Items per page, 1 to 500; the server's default is 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/** Body of {@link AiCostApi.snoozeRecommendation}. @public */
export interface SnoozeRecommendationRequest {
  /** Last day of the snooze, `YYYY-MM-DD`; the recommendation reopens the day after. */
  until: string;
  reason?: string;
}

/**
 * Client of the AI Cost backend (`/api/ai-cost`).
 * @public
 */
export interface AiCostApi {
  /** Configured billing sources with the state of their last run. */
  listSources(): Promise<SourceInfo[]>;
  /** Triggers the ingestion of one source now (needs `ai-cost.admin`). */
  refreshSource(id: string): Promise<void>;
  /** Costs of one entity and its descendants (needs `ai-cost.costs.read` on it). */
  getCosts(request: GetCostsRequest): Promise<EntityCostsResponse>;
  /** Org-wide spend grouped by one dimension, with unallocated spend (needs `ai-cost.org.read`). */
  getRollup(request: GetRollupRequest): Promise<RollupResponse>;
  /** Cost per unit of a business metric of one entity, daily and against the previous period (as `getCosts`). */
  getUnitCosts(request: GetUnitCostsRequest): Promise<UnitCostsResponse>;
  /**
   * The business metrics the plugin knows, built-ins (`requests`, `tokens`,
   * `customers`) included; with `entityRef`, only the stored metrics with a
   * value for that entity or its descendants.
   */
  getMetrics(request?: Partial<EntityRequest>): Promise<MetricsResponse>;
  /** Conflicts and annotation problems of the attribution index (needs `ai-cost.org.read`). */
  getAttributionStatus(): Promise<AttributionStatus>;
  /** An entity's claims with whether each can match anything: a source configured, its value billed and when (as `getCosts`). */
  getClaimStates(request: EntityRequest): Promise<EntityClaimStates>;
  /** Values seen in billing over 90 days with who claims each, costliest first (needs `ai-cost.org.read`). */
  getAttributionValues(
    request?: GetAttributionValuesRequest,
  ): Promise<AttributionValuesResponse>;
  /** What an entity would claim, with spend and conflicts, before it is registered; nothing is saved. */
  previewAttribution(
    request: PreviewAttributionRequest,
  ): Promise<AttributionPreviewResponse>;
  /** The URL of a CSV export; fetching it needs the user's Backstage token, see {@link AiCostApi.exportCsv}. */
  getExportUrl(request: ExportCsvRequest): Promise<string>;
  /** Downloads a CSV export with the user's credentials. */
  exportCsv(request: ExportCsvRequest): Promise<CsvExport>;

  /** The budget in force (portal, else annotation); a 404 `ResponseError` when there is none. */
  getBudget(request: BudgetScopeRequest): Promise<Budget>;
  /** Sets the entity's budget in the portal (needs `ai-cost.budget.update` on it). */
  setBudget(request: SetBudgetRequest): Promise<Budget>;
  /** Removes the portal budget (of a scope); the `ai-cost/monthly-budget` annotation applies again. */
  deleteBudget(request: BudgetScopeRequest): Promise<void>;
  /** Spend of the current period against the budget, with forecast and thresholds; scoped budgets in `scoped`. */
  getBudgetStatus(request: EntityRequest): Promise<BudgetStatus>;
  /** The status of every budgeted entity (needs `ai-cost.org.read`). */
  listBudgetStatuses(): Promise<BudgetStatus[]>;
  /**
   * Budget requests the user may see: their own, those they may decide
   * (`canDecide`), or all with `ai-cost.org.read`; newest first.
   */
  listBudgetRequests(
    request?: ListBudgetRequestsRequest,
  ): Promise<BudgetApprovalRequest[]>;
  /** Approves a pending budget request; its budget applies at once. */
  approveBudgetRequest(
    id: string,
    request?: { comment?: string },
  ): Promise<BudgetApprovalRequest>;
  /** Rejects a pending budget request; `comment` is the reason, required. */
  rejectBudgetRequest(
    id: string,
    request: { comment: string },
  ): Promise<BudgetApprovalRequest>;
  /**
   * The current month's spend, month-end forecast with its 80% range and
   * daily path: of an entity (as `getCosts`), or without `entityRef` of the
   * whole organisation, unallocated spend included (needs `ai-cost.org.read`).
   */
  getSpendForecast(request?: GetSpendForecastRequest): Promise<SpendForecast>;
  /** One page of the anomalies of an entity and its descendants, or org-wide; newest first. */
  listAnomalies(request?: ListAnomaliesRequest): Promise<AnomaliesResponse>;
  /** The anomaly threshold in force: portal, else annotation, else org default. */
  getAnomalySettings(request: EntityRequest): Promise<AnomalySettings>;
  /** Sets the entity's anomaly threshold in the portal (needs `ai-cost.budget.update` on it). */
  setAnomalySettings(
    request: SetAnomalySettingsRequest,
  ): Promise<AnomalySettings>;
  /** The model policy in force for an entity, where it comes from, and its exceptions. */
  getModelPolicy(request: EntityRequest): Promise<ModelPolicy>;
  /**
   * Spend on models an entity's policy does not allow: of the entity and its
   * descendants, or without `entityRef` of every entity (needs `ai-cost.org.read`).
   */
  listPolicyViolations(
    request: CostWindow & { entityRef?: string },
  ): Promise<PolicyViolation[]>;
  /** Grants a policy exception (needs `ai-cost.budget.update` on the entity). */
  createPolicyException(input: PolicyExceptionInput): Promise<PolicyException>;
  /** Removes a policy exception (needs `ai-cost.budget.update` on its entity). */
  deletePolicyException(id: string): Promise<void>;
  /** Records whether an anomaly was accurate, expected or not an issue. */
  setAnomalyFeedback(
    id: string,
    request: AnomalyFeedbackRequest,
  ): Promise<Anomaly>;
  /** One page of the optimization recommendations of an entity and its descendants, or org-wide. */
  listRecommendations(
    request?: ListRecommendationsRequest,
  ): Promise<RecommendationsResponse>;
  /**
   * Dismisses a recommendation; the reason is required. Needs
   * `ai-cost.recommendations.update` on its entity (`ai-cost.admin` for
   * org-level ones). Resolves with the recommendation as decided.
   */
  dismissRecommendation(
    id: string,
    request: { reason: string },
  ): Promise<Recommendation>;
  /** Hides a recommendation until a day; it reopens the day after. */
  snoozeRecommendation(
    id: string,
    request: SnoozeRecommendationRequest,
  ): Promise<Recommendation>;
  /** Reopens a dismissed or snoozed recommendation. */
  reopenRecommendation(id: string): Promise<Recommendation>;
  /** How much spend is allocated, per provider, tag and day (needs `ai-cost.org.read`). */
  getAllocationCoverage(request: CostWindow): Promise<AllocationCoverage>;
  /** Virtual-tag and split rules in the order they apply (needs `ai-cost.org.read`). */
  getAllocationRules(): Promise<AllocationRulesResponse>;
  /** What a candidate rule would move over the last 30 days; nothing saved (needs `ai-cost.admin`). */
  previewAllocationRule(
    rule: AllocationRuleBody,
  ): Promise<AllocationRulePreview>;
  /** Creates or replaces a portal rule (needs `ai-cost.admin`). */
  putAllocationRule(
    id: string,
    rule: AllocationRuleBody,
  ): Promise<VirtualTagRuleView | SplitRuleView>;
  /** Removes a portal rule (needs `ai-cost.admin`). */
  deleteAllocationRule(id: string): Promise<void>;
  /** Subscriptions with this month's cost per seat (needs `ai-cost.org.read`). */
  getSubscriptions(): Promise<SubscriptionsResponse>;
  /** Creates or replaces a portal subscription (needs `ai-cost.admin`). */
  putSubscription(
    id: string,
    subscription: Omit<SubscriptionInput, 'id'>,
  ): Promise<SubscriptionView>;
  /** Removes a portal subscription (needs `ai-cost.admin`). */
  deleteSubscription(id: string): Promise<void>;
  /** A month's chargeback statement, `YYYY-MM` (needs `ai-cost.org.read`). */
  getChargeback(month: string): Promise<ChargebackStatement>;
  /** The statement as CSV for finance (needs `ai-cost.org.read`). */
  exportChargebackCsv(month: string): Promise<CsvExport>;
  /** Closes a month that has ended; it never changes again (needs `ai-cost.admin`). */
  closeChargebackMonth(month: string): Promise<ChargebackStatement>;
  /** The budget suggested from the entity's run rate and month-end forecast, as `getBudget` may read it. */
  getBudgetSuggestion(request: {
    entityRef: string;
    period: BudgetPeriod;
  }): Promise<BudgetSuggestion>;
  /** The year's plan per team: actual and forecast months, budgets, totals (needs `ai-cost.org.read`). */
  getPlan(year: number): Promise<YearPlanResponse>;
  /** The plan as CSV (needs `ai-cost.org.read`). */
  exportPlanCsv(year: number): Promise<CsvExport>;
  /** Expensed AI spend per vendor, approved against shadow AI (needs `ai-cost.org.read`). */
  getShadowAi(window: CostWindow): Promise<ShadowAiResponse>;
}

/** @public */
export const aiCostApiRef = createApiRef<AiCostApi>({
  id: 'plugin.ai-cost.service',
});
