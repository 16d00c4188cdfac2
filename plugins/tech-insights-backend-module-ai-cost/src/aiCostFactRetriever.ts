import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type { InsightFactsResponse } from '@ai-cost/plugin-ai-cost-common';

/** The id of the AI Cost fact retriever: the key of its `techInsights.factRetrievers` entry and of checks' `factIds`. @public */
export const AI_COST_FACT_RETRIEVER_ID = 'aiCostFactRetriever';

/**
 * Facts of every entity the AI Cost backend knows, read in one request from
 * its `GET /insights/facts` with a service token: whether the entity claims
 * spend, its month-to-date spend, budget state, open anomalies and model
 * policy violations.
 * @public
 */
export const aiCostFactRetriever: FactRetriever = {
  id: AI_COST_FACT_RETRIEVER_ID,
  version: '0.1.0',
  title: 'AI Cost',
  description:
    'AI spend, budget state, anomalies and model policy violations from the AI Cost plugin',
  schema: {
    hasClaims: {
      type: 'boolean',
      description:
        'The entity has ai-cost/* annotations that claim AI spend (an OpenAI project, a gateway tag, …)',
    },
    monthToDateSpend: {
      type: 'float',
      description:
        'AI spend of the entity and its descendants since the 1st of the month (UTC), in aiCost.currency',
    },
    budgetState: {
      type: 'string',
      description:
        'State of its AI budget: over, at-risk (the forecast exceeds it), ok, or none without a budget',
    },
    openAnomalies: {
      type: 'integer',
      description: 'Open spend anomalies of the entity and its descendants',
    },
    policyViolations: {
      type: 'integer',
      description: 'Model policy violations this month',
    },
  },
  async handler({ discovery, auth }): Promise<TechInsightFact[]> {
    const baseUrl = await discovery.getBaseUrl('ai-cost');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'ai-cost',
    });
    const response = await fetch(`${baseUrl}/insights/facts`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    const body = (await response.json()) as InsightFactsResponse;
    return body.entities.map(({ entityRef, ...facts }) => {
      const { kind, namespace, name } = parseEntityRef(entityRef);
      return {
        entity: { kind, namespace, name },
        facts: {
          hasClaims: facts.hasClaims,
          monthToDateSpend: facts.monthToDateSpend,
          budgetState: facts.budgetState,
          openAnomalies: facts.openAnomalies,
          policyViolations: facts.policyViolations,
        },
      };
    });
  },
};
