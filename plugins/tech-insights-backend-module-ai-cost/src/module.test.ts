import {
  createBackendPlugin,
  type BackendFeature,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import {
  techInsightsFactRetrieversExtensionPoint,
  type FactRetriever,
} from '@backstage-community/plugin-tech-insights-node';
import techInsightsModuleAiCost, { aiCostFactRetriever } from './index';

/** A stand-in for the Tech Insights backend that collects what modules add. */
function collectingTechInsights(
  collected: Record<string, FactRetriever>,
): BackendFeature {
  return createBackendPlugin({
    pluginId: 'tech-insights',
    register(env) {
      env.registerExtensionPoint(techInsightsFactRetrieversExtensionPoint, {
        addFactRetrievers(retrievers) {
          Object.assign(collected, retrievers);
        },
      });
      env.registerInit({ deps: {}, async init() {} });
    },
  });
}

describe('techInsightsModuleAiCost', () => {
  it('adds the fact retriever under its id', async () => {
    const collected: Record<string, FactRetriever> = {};
    const backend = await startTestBackend({
      features: [collectingTechInsights(collected), techInsightsModuleAiCost],
    });
    expect(collected).toEqual({ aiCostFactRetriever });
    expect(aiCostFactRetriever.id).toBe('aiCostFactRetriever');
    await backend.stop();
  });
});
