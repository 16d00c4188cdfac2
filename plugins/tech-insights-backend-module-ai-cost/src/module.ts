import { createBackendModule } from '@backstage/backend-plugin-api';
import { techInsightsFactRetrieversExtensionPoint } from '@backstage-community/plugin-tech-insights-node';
import {
  AI_COST_FACT_RETRIEVER_ID,
  aiCostFactRetriever,
} from './aiCostFactRetriever';

/**
 * Adds the AI Cost fact retriever to the Tech Insights backend; it runs
 * once `techInsights.factRetrievers.aiCostFactRetriever` sets its cadence.
 * @public
 */
export const techInsightsModuleAiCost = createBackendModule({
  pluginId: 'tech-insights',
  moduleId: 'ai-cost',
  register(reg) {
    reg.registerInit({
      deps: { retrievers: techInsightsFactRetrieversExtensionPoint },
      async init({ retrievers }) {
        retrievers.addFactRetrievers({
          [AI_COST_FACT_RETRIEVER_ID]: aiCostFactRetriever,
        });
      },
    });
  },
});
