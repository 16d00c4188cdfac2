import { compatWrapper } from '@backstage/core-compat-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isAiCostAvailable } from '../conditions';

const AI_COST_TAB = { id: 'entity-content:ai-cost', input: 'cards' };

async function budgetCard() {
  const { EntityBudgetStatusCard } = await import(
    '../components/BudgetStatusCard'
  );
  return compatWrapper(<EntityBudgetStatusCard />);
}

async function anomaliesCard(limit: number) {
  const { EntityAnomaliesCard } = await import('../components/AnomaliesCard');
  return compatWrapper(<EntityAnomaliesCard limit={limit} />);
}

async function modelPolicyCard() {
  const { EntityModelPolicyCard } = await import(
    '../components/ModelPolicyCard'
  );
  return compatWrapper(<EntityModelPolicyCard />);
}

async function recommendationsCard() {
  const { EntityRecommendationsCard } = await import(
    '../components/RecommendationsCard'
  );
  return compatWrapper(<EntityRecommendationsCard />);
}

/**
 * The budget status card on the entity overview (`entity-card:ai-cost/budget`),
 * in the info column, for entities that have the AI Cost tab.
 * @alpha
 */
export const entityAiCostBudgetCard = EntityCardBlueprint.make({
  name: 'budget',
  params: {
    type: 'info',
    filter: isAiCostAvailable,
    loader: budgetCard,
  },
});

/**
 * The three most recent anomalies on the entity overview
 * (`entity-card:ai-cost/anomalies`), for entities that have the AI Cost tab.
 * @alpha
 */
export const entityAiCostAnomaliesCard = EntityCardBlueprint.make({
  name: 'anomalies',
  params: {
    type: 'content',
    filter: isAiCostAvailable,
    loader: () => anomaliesCard(3),
  },
});

/** The budget status card on the AI Cost tab (`entity-card:ai-cost/tab-budget`). @alpha */
export const aiCostTabBudgetCard = EntityCardBlueprint.make({
  name: 'tab-budget',
  attachTo: AI_COST_TAB,
  params: { type: 'info', loader: budgetCard },
});

/** Recent anomalies on the AI Cost tab (`entity-card:ai-cost/tab-anomalies`). @alpha */
export const aiCostTabAnomaliesCard = EntityCardBlueprint.make({
  name: 'tab-anomalies',
  attachTo: AI_COST_TAB,
  params: { type: 'info', loader: () => anomaliesCard(5) },
});

/**
 * Recommendations on the AI Cost tab, full width
 * (`entity-card:ai-cost/tab-recommendations`).
 * @alpha
 */
export const aiCostTabRecommendationsCard = EntityCardBlueprint.make({
  name: 'tab-recommendations',
  attachTo: AI_COST_TAB,
  params: { type: 'content', loader: recommendationsCard },
});

/**
 * The model policy, its violations and exceptions on the AI Cost tab
 * (`entity-card:ai-cost/tab-model-policy`).
 * @alpha
 */
export const aiCostTabModelPolicyCard = EntityCardBlueprint.make({
  name: 'tab-model-policy',
  attachTo: AI_COST_TAB,
  params: { type: 'info', loader: modelPolicyCard },
});
