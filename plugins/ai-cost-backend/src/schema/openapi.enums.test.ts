import {
  anomalyFeedbackValues,
  anomalyRootCauseDimensions,
  anomalySeverities,
  anomalyStatuses,
  anomalyStatusFilters,
  BUDGET_ENFORCEMENTS,
  budgetPeriods,
  budgetRequestSchema,
  budgetRequestStatuses,
  DEFAULT_BUDGET_THRESHOLDS,
  DEFAULT_PAGE_LIMIT,
  digestKinds,
  guardrailDecisions,
  MAX_PAGE_LIMIT,
  MODEL_TIERS,
  pushEventFormats,
  recommendationConfidences,
  recommendationRules,
  recommendationStatuses,
  recommendationStatusFilters,
  rollupGroupBys,
  tokenTypes,
} from '@ai-cost/plugin-ai-cost-common';
import { spec } from './openapi.generated';

type Schema = { [key: string]: any };

const schemas = spec.components.schemas as Schema;
const paths = spec.paths as Schema;

function queryParameter(path: string, name: string): Schema {
  const parameters: Schema[] = paths[path].get.parameters;
  const parameter = parameters
    .map(p =>
      p.$ref
        ? (spec.components.parameters as Schema)[p.$ref.split('/').pop()]
        : p,
    )
    .find(p => p.name === name);
  if (!parameter) throw new Error(`${path} has no ${name} parameter`);
  return parameter.schema;
}

const okBody = (path: string, method = 'get', status = '200') =>
  paths[path][method].responses[status].content['application/json'].schema;
const requestBody = (path: string) =>
  paths[path].post.requestBody.content['application/json'].schema;
const recommendation = okBody('/recommendations').properties.items.items;

/**
 * Requests are validated by the zod schemas of -common; the spec documents
 * them. Every enum the spec declares must equal the zod one it documents.
 */
describe('openapi.yaml enums equal the zod enums of -common', () => {
  it.each([
    [
      'GET /rollup groupBy',
      schemas.RollupGroupBy.anyOf[0].enum,
      rollupGroupBys,
    ],
    [
      'GET /anomalies status',
      queryParameter('/anomalies', 'status').enum,
      anomalyStatusFilters,
    ],
    ['Anomaly.status', schemas.Anomaly.properties.status.enum, anomalyStatuses],
    [
      'Anomaly.severity',
      schemas.Anomaly.properties.severity.enum,
      anomalySeverities,
    ],
    [
      'Anomaly.rootCauses.dimension',
      schemas.Anomaly.properties.rootCauses.items.properties.dimension.enum,
      anomalyRootCauseDimensions,
    ],
    [
      'Anomaly.feedback.value',
      schemas.Anomaly.properties.feedback.properties.value.enum,
      anomalyFeedbackValues,
    ],
    [
      'POST /anomalies/{id}/feedback feedback',
      requestBody('/anomalies/{id}/feedback').properties.feedback.enum,
      anomalyFeedbackValues,
    ],
    [
      'GET /recommendations status',
      queryParameter('/recommendations', 'status').enum,
      recommendationStatusFilters,
    ],
    [
      'Recommendation.status',
      recommendation.properties.status.enum,
      recommendationStatuses,
    ],
    [
      'Recommendation.rule',
      recommendation.properties.rule.enum,
      recommendationRules,
    ],
    [
      'Recommendation.confidence',
      recommendation.properties.confidence.enum,
      recommendationConfidences,
    ],
    ['Budget.period', schemas.Budget.properties.period.enum, budgetPeriods],
    [
      'GET /budgets/requests status',
      queryParameter('/budgets/requests', 'status').enum,
      budgetRequestStatuses,
    ],
    [
      'BudgetApprovalRequest.status',
      schemas.BudgetApprovalRequest.properties.status.enum,
      budgetRequestStatuses,
    ],
    [
      'BudgetApprovalRequest.period',
      schemas.BudgetApprovalRequest.properties.period.enum,
      budgetPeriods,
    ],
    [
      'POST /budgets/requests period',
      requestBody('/budgets/requests').properties.period.enum,
      budgetPeriods,
    ],
    ['ModelTier', schemas.ModelTier.enum, MODEL_TIERS],
    ['BudgetEnforcement', schemas.BudgetEnforcement.enum, BUDGET_ENFORCEMENTS],
    [
      'GuardrailDecision.decision',
      schemas.GuardrailDecision.properties.decision.enum,
      guardrailDecisions,
    ],
    [
      'GET /budgets/suggestion period',
      queryParameter('/budgets/suggestion', 'period').enum,
      budgetPeriods,
    ],
    [
      'BudgetSuggestion.period',
      schemas.BudgetSuggestion.properties.period.enum,
      budgetPeriods,
    ],
    [
      'BudgetStatus.period.period',
      schemas.BudgetStatus.properties.period.properties.period.enum,
      budgetPeriods,
    ],
    [
      'EntityCosts.byTokenType.tokenType',
      schemas.EntityCosts.properties.byTokenType.properties.items.items
        .properties.tokenType.enum,
      tokenTypes,
    ],
    [
      'POST /digests/send kind',
      paths['/digests/send'].post.parameters[0].schema.enum,
      digestKinds,
    ],
    [
      'DigestSendResponse.kind',
      schemas.DigestSendResponse.properties.kind.enum,
      digestKinds,
    ],
    [
      'POST /ingest/events format',
      okBody('/ingest/events', 'post').properties.format.enum,
      pushEventFormats,
    ],
  ])('%s', (_name, specEnum, zodEnum) => {
    expect(specEnum).toEqual([...zodEnum]);
  });

  it('documents the page limits zod applies', () => {
    for (const path of ['/anomalies', '/recommendations']) {
      expect(queryParameter(path, 'limit')).toEqual({
        type: 'integer',
        minimum: 1,
        maximum: MAX_PAGE_LIMIT,
        default: DEFAULT_PAGE_LIMIT,
      });
    }
  });

  it('documents the PUT /budgets body zod accepts', () => {
    const body = paths['/budgets'].put.requestBody.content['application/json']
      .schema as Schema;
    expect(Object.keys(body.properties).sort()).toEqual(
      Object.keys(budgetRequestSchema.shape).sort(),
    );
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.period.enum).toEqual([...budgetPeriods]);
    expect(body.properties.thresholds.default).toEqual(
      DEFAULT_BUDGET_THRESHOLDS,
    );
  });
});
