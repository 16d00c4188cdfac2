import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ShadowAiResponse,
  BudgetPeriod,
  BudgetSuggestion,
  YearPlanResponse,
  ChargebackStatement,
  AllocationCoverage,
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
  ModelPolicy,
  PolicyException,
  PolicyExceptionInput,
  PolicyViolation,
  AttributionPreviewResponse,
  AttributionStatus,
  AttributionValuesResponse,
  Budget,
  BudgetApprovalRequest,
  BudgetRequestsResponse,
  BudgetStatus,
  SpendForecast,
  EntityCostsResponse,
  MetricsResponse,
  Recommendation,
  RecommendationsResponse,
  RollupResponse,
  SourceInfo,
  UnitCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type {
  AiCostApi,
  AllocationRuleBody,
  AnomalyFeedbackRequest,
  CostWindow,
  BudgetScopeRequest,
  CsvExport,
  EntityRequest,
  ExportCsvRequest,
  GetAttributionValuesRequest,
  GetCostsRequest,
  GetRollupRequest,
  GetSpendForecastRequest,
  GetUnitCostsRequest,
  ListAnomaliesRequest,
  ListBudgetRequestsRequest,
  SetAnomalySettingsRequest,
  ListRecommendationsRequest,
  PreviewAttributionRequest,
  SetBudgetRequest,
  SnoozeRecommendationRequest,
} from './AiCostApi';

type Query = Record<string, string | undefined>;

/** The file name a `Content-Disposition` header asks for, if any. */
function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const encoded = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain ? plain[1].trim() : undefined;
}

/** `ai-cost-component-default-search-api-2026-10-01-2026-10-31.csv` */
function defaultExportFilename(request: ExportCsvRequest): string {
  const scope = request.entityRef
    ? request.entityRef
        .toLocaleLowerCase('en-US')
        .replace(/[^a-z0-9._-]+/g, '-')
    : 'org';
  return `ai-cost-${scope}-${request.from}-${request.to}.csv`;
}

/** A JSON request; keys whose value is `undefined` are left out of the body. */
function jsonBody(method: string, body: Record<string, unknown>): RequestInit {
  const defined = Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  );
  return {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(defined),
  };
}

/**
 * Talks to the AI Cost backend through the discovery and fetch APIs, so the
 * user's Backstage token is sent along.
 * @public
 */
export class AiCostClient implements AiCostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listSources(): Promise<SourceInfo[]> {
    return this.request<SourceInfo[]>('sources');
  }

  async refreshSource(id: string): Promise<void> {
    await this.request(`sources/${encodeURIComponent(id)}/refresh`, {
      method: 'POST',
    });
  }

  async getCosts(request: GetCostsRequest): Promise<EntityCostsResponse> {
    const { entityRef, from, to } = request;
    return this.request<EntityCostsResponse>('costs', undefined, {
      entityRef,
      from,
      to,
    });
  }

  async getRollup(request: GetRollupRequest): Promise<RollupResponse> {
    const { groupBy, metric, from, to } = request;
    return this.request<RollupResponse>('rollup', undefined, {
      groupBy,
      metric,
      from,
      to,
    });
  }

  async getUnitCosts(request: GetUnitCostsRequest): Promise<UnitCostsResponse> {
    const { entityRef, metric, from, to } = request;
    return this.request<UnitCostsResponse>('unit-costs', undefined, {
      entityRef,
      metric,
      from,
      to,
    });
  }

  async getMetrics(
    request: Partial<EntityRequest> = {},
  ): Promise<MetricsResponse> {
    return this.request<MetricsResponse>('metrics', undefined, {
      entityRef: request.entityRef,
    });
  }

  async getAttributionStatus(): Promise<AttributionStatus> {
    return this.request<AttributionStatus>('attribution');
  }

  async getClaimStates(request: EntityRequest): Promise<EntityClaimStates> {
    return this.request<EntityClaimStates>('attribution/claims', undefined, {
      entityRef: request.entityRef,
    });
  }

  async getAttributionValues(
    request: GetAttributionValuesRequest = {},
  ): Promise<AttributionValuesResponse> {
    const { provider, q, limit } = request;
    return this.request<AttributionValuesResponse>(
      'attribution/values',
      undefined,
      {
        provider: provider || undefined,
        q: q || undefined,
        limit: limit === undefined ? undefined : String(limit),
      },
    );
  }

  async previewAttribution(
    request: PreviewAttributionRequest,
  ): Promise<AttributionPreviewResponse> {
    const init: RequestInit =
      'yaml' in request
        ? {
            method: 'POST',
            headers: { 'content-type': 'text/yaml' },
            body: request.yaml,
          }
        : jsonBody('POST', { entity: request.entity });
    return this.request<AttributionPreviewResponse>(
      'attribution/preview',
      init,
    );
  }

  async getExportUrl(request: ExportCsvRequest): Promise<string> {
    const { entityRef, from, to } = request;
    return this.url('export.csv', { entityRef, from, to });
  }

  async exportCsv(request: ExportCsvRequest): Promise<CsvExport> {
    return this.downloadCsv(
      await this.getExportUrl(request),
      defaultExportFilename(request),
    );
  }

  async getChargeback(month: string): Promise<ChargebackStatement> {
    return this.request<ChargebackStatement>('chargeback', undefined, {
      month,
    });
  }

  async getShadowAi(window: CostWindow): Promise<ShadowAiResponse> {
    return this.request<ShadowAiResponse>('shadow-ai', undefined, {
      from: window.from,
      to: window.to,
    });
  }

  async exportChargebackCsv(month: string): Promise<CsvExport> {
    return this.downloadCsv(
      await this.url('chargeback.csv', { month }),
      `ai-cost-chargeback-${month}.csv`,
    );
  }

  async getBudgetSuggestion(request: {
    entityRef: string;
    period: BudgetPeriod;
  }): Promise<BudgetSuggestion> {
    return this.request<BudgetSuggestion>('budgets/suggestion', undefined, {
      entityRef: request.entityRef,
      period: request.period,
    });
  }

  async getPlan(year: number): Promise<YearPlanResponse> {
    return this.request<YearPlanResponse>('plan', undefined, {
      year: String(year),
    });
  }

  async exportPlanCsv(year: number): Promise<CsvExport> {
    return this.downloadCsv(
      await this.url('plan.csv', { year: String(year) }),
      `ai-cost-plan-${year}.csv`,
    );
  }

  async closeChargebackMonth(month: string): Promise<ChargebackStatement> {
    return this.request<ChargebackStatement>(
      'chargeback/close',
      { method: 'POST' },
      { month },
    );
  }

  private async downloadCsv(url: string, fallbackName: string) {
    const response = await this.fetchApi.fetch(url, {
      headers: { accept: 'text/csv' },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const blob = await response.blob();
    return {
      blob,
      filename:
        filenameFromDisposition(response.headers.get('content-disposition')) ??
        fallbackName,
    };
  }

  async getBudget(request: BudgetScopeRequest): Promise<Budget> {
    const { entityRef, scope } = request;
    return this.request<Budget>('budgets', undefined, { entityRef, scope });
  }

  async setBudget(request: SetBudgetRequest): Promise<Budget> {
    const { entityRef, scope, amount, period, thresholds, currency } = request;
    return this.request<Budget>(
      'budgets',
      jsonBody('PUT', { amount, period, thresholds, currency }),
      { entityRef, scope },
    );
  }

  async deleteBudget(request: BudgetScopeRequest): Promise<void> {
    const { entityRef, scope } = request;
    await this.request('budgets', { method: 'DELETE' }, { entityRef, scope });
  }

  async getBudgetStatus(request: EntityRequest): Promise<BudgetStatus> {
    return this.request<BudgetStatus>('budgets/status', undefined, {
      entityRef: request.entityRef,
    });
  }

  async listBudgetStatuses(): Promise<BudgetStatus[]> {
    return this.request<BudgetStatus[]>('budgets/status');
  }

  async listBudgetRequests(
    request: ListBudgetRequestsRequest = {},
  ): Promise<BudgetApprovalRequest[]> {
    const { items } = await this.request<BudgetRequestsResponse>(
      'budgets/requests',
      undefined,
      { status: request.status, entityRef: request.entityRef },
    );
    return items;
  }

  async approveBudgetRequest(
    id: string,
    request: { comment?: string } = {},
  ): Promise<BudgetApprovalRequest> {
    return this.request<BudgetApprovalRequest>(
      `budgets/requests/${encodeURIComponent(id)}/approve`,
      jsonBody('POST', { comment: request.comment }),
    );
  }

  async rejectBudgetRequest(
    id: string,
    request: { comment: string },
  ): Promise<BudgetApprovalRequest> {
    return this.request<BudgetApprovalRequest>(
      `budgets/requests/${encodeURIComponent(id)}/reject`,
      jsonBody('POST', { comment: request.comment }),
    );
  }

  async getSpendForecast(
    request: GetSpendForecastRequest = {},
  ): Promise<SpendForecast> {
    return this.request<SpendForecast>('forecast', undefined, {
      entityRef: request.entityRef,
    });
  }

  async listAnomalies(
    request: ListAnomaliesRequest = {},
  ): Promise<AnomaliesResponse> {
    const { entityRef, status, limit, cursor } = request;
    return this.request<AnomaliesResponse>('anomalies', undefined, {
      entityRef,
      status,
      limit: limit === undefined ? undefined : String(limit),
      cursor,
    });
  }

  async getAnomalySettings(request: EntityRequest): Promise<AnomalySettings> {
    return this.request<AnomalySettings>('anomalies/settings', undefined, {
      entityRef: request.entityRef,
    });
  }

  async setAnomalySettings(
    request: SetAnomalySettingsRequest,
  ): Promise<AnomalySettings> {
    const { entityRef, minImpact, minImpactPercent } = request;
    return this.request<AnomalySettings>(
      'anomalies/settings',
      jsonBody('PUT', {
        minImpact: minImpact ?? null,
        minImpactPercent: minImpactPercent ?? null,
      }),
      { entityRef },
    );
  }

  async getModelPolicy(request: EntityRequest): Promise<ModelPolicy> {
    return this.request<ModelPolicy>('policies', undefined, {
      entityRef: request.entityRef,
    });
  }

  async listPolicyViolations(
    request: CostWindow & { entityRef?: string },
  ): Promise<PolicyViolation[]> {
    const { entityRef, from, to } = request;
    return this.request<PolicyViolation[]>('policies/violations', undefined, {
      entityRef,
      from,
      to,
    });
  }

  async createPolicyException(
    input: PolicyExceptionInput,
  ): Promise<PolicyException> {
    return this.request<PolicyException>(
      'policies/exceptions',
      jsonBody('POST', input),
    );
  }

  async deletePolicyException(id: string): Promise<void> {
    await this.request(`policies/exceptions/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async setAnomalyFeedback(
    id: string,
    request: AnomalyFeedbackRequest,
  ): Promise<Anomaly> {
    const { feedback, comment } = request;
    return this.request<Anomaly>(
      `anomalies/${encodeURIComponent(id)}/feedback`,
      jsonBody('POST', { feedback, comment }),
    );
  }

  async listRecommendations(
    request: ListRecommendationsRequest = {},
  ): Promise<RecommendationsResponse> {
    const { entityRef, status, limit, cursor } = request;
    return this.request<RecommendationsResponse>('recommendations', undefined, {
      entityRef,
      status,
      limit: limit === undefined ? undefined : String(limit),
      cursor,
    });
  }

  async dismissRecommendation(
    id: string,
    request: { reason: string },
  ): Promise<Recommendation> {
    return this.request<Recommendation>(
      `recommendations/${encodeURIComponent(id)}/dismiss`,
      jsonBody('POST', { reason: request.reason }),
    );
  }

  async snoozeRecommendation(
    id: string,
    request: SnoozeRecommendationRequest,
  ): Promise<Recommendation> {
    const { until, reason } = request;
    return this.request<Recommendation>(
      `recommendations/${encodeURIComponent(id)}/snooze`,
      jsonBody('POST', { until, reason }),
    );
  }

  async reopenRecommendation(id: string): Promise<Recommendation> {
    return this.request<Recommendation>(
      `recommendations/${encodeURIComponent(id)}/reopen`,
      { method: 'POST' },
    );
  }

  async getAllocationCoverage(
    request: CostWindow,
  ): Promise<AllocationCoverage> {
    const { from, to } = request;
    return this.request<AllocationCoverage>('allocation/coverage', undefined, {
      from,
      to,
    });
  }

  async getAllocationRules(): Promise<AllocationRulesResponse> {
    return this.request<AllocationRulesResponse>('allocation/rules');
  }

  async previewAllocationRule(
    rule: AllocationRuleBody,
  ): Promise<AllocationRulePreview> {
    return this.request<AllocationRulePreview>(
      'allocation/rules/preview',
      jsonBody('POST', rule),
    );
  }

  async putAllocationRule(
    id: string,
    rule: AllocationRuleBody,
  ): Promise<VirtualTagRuleView | SplitRuleView> {
    return this.request<VirtualTagRuleView | SplitRuleView>(
      `allocation/rules/${encodeURIComponent(id)}`,
      jsonBody('PUT', rule),
    );
  }

  async deleteAllocationRule(id: string): Promise<void> {
    await this.request(`allocation/rules/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  async getSubscriptions(): Promise<SubscriptionsResponse> {
    return this.request<SubscriptionsResponse>('subscriptions');
  }

  async putSubscription(
    id: string,
    subscription: Omit<SubscriptionInput, 'id'>,
  ): Promise<SubscriptionView> {
    return this.request<SubscriptionView>(
      `subscriptions/${encodeURIComponent(id)}`,
      jsonBody('PUT', subscription),
    );
  }

  async deleteSubscription(id: string): Promise<void> {
    await this.request(`subscriptions/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  private async url(path: string, query?: Query): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-cost');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, value);
    }
    const search = params.toString();
    return `${baseUrl}/${path}${search ? `?${search}` : ''}`;
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    query?: Query,
  ): Promise<T> {
    const response = await this.fetchApi.fetch(
      await this.url(path, query),
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
