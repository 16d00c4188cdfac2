import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import { aiCostApi } from './alpha/apis';
import {
  aiCostTabAnomaliesCard,
  aiCostTabBudgetCard,
  aiCostTabModelPolicyCard,
  aiCostTabRecommendationsCard,
  entityAiCostAnomaliesCard,
  entityAiCostBudgetCard,
} from './alpha/entityCards';
import { entityAiCostContent } from './alpha/entityContent';
import {
  aiCostAllocationPage,
  aiCostBilledValuesPage,
  aiCostChargebackPage,
  aiCostPage,
  aiCostPlanPage,
  aiCostSubscriptionsPage,
} from './alpha/pages';
import {
  allocationRouteRef,
  billedValuesRouteRef,
  chargebackRouteRef,
  planRouteRef,
  rootRouteRef,
  subscriptionsRouteRef,
} from './routes';

export {
  aiCostAllocationPage,
  aiCostApi,
  aiCostBilledValuesPage,
  aiCostChargebackPage,
  aiCostPage,
  aiCostPlanPage,
  aiCostSubscriptionsPage,
  aiCostTabAnomaliesCard,
  aiCostTabBudgetCard,
  aiCostTabModelPolicyCard,
  aiCostTabRecommendationsCard,
  entityAiCostAnomaliesCard,
  entityAiCostBudgetCard,
  entityAiCostContent,
};

/**
 * The AI Cost plugin for the new frontend system: the API client, the
 * org-wide page at `/ai-cost`, the allocation page at
 * `/ai-cost/allocation`, the chargeback page at `/ai-cost/chargeback`, the
 * plan page at `/ai-cost/plan`, the
 * billed values page at `/ai-cost/billed-values`, the
 * "AI Cost" entity tab with its budget, anomalies and recommendations
 * cards, and budget and anomalies cards for the entity overview.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-cost',
  title: 'AI Cost',
  icon: <MoneyIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: {
    root: rootRouteRef,
    allocation: allocationRouteRef,
    chargeback: chargebackRouteRef,
    plan: planRouteRef,
    billedValues: billedValuesRouteRef,
    subscriptions: subscriptionsRouteRef,
  },
  extensions: [
    aiCostApi,
    aiCostPage,
    aiCostAllocationPage,
    aiCostChargebackPage,
    aiCostPlanPage,
    aiCostBilledValuesPage,
    aiCostSubscriptionsPage,
    entityAiCostContent,
    aiCostTabBudgetCard,
    aiCostTabAnomaliesCard,
    aiCostTabModelPolicyCard,
    aiCostTabRecommendationsCard,
    entityAiCostBudgetCard,
    entityAiCostAnomaliesCard,
  ],
});
