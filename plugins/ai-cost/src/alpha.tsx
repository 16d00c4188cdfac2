import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import { aiCostApi } from './alpha/apis';
import {
  aiCostTabAnomaliesCard,
  aiCostTabBudgetCard,
  aiCostTabRecommendationsCard,
  entityAiCostAnomaliesCard,
  entityAiCostBudgetCard,
} from './alpha/entityCards';
import { entityAiCostContent } from './alpha/entityContent';
import {
  aiCostAllocationPage,
  aiCostChargebackPage,
  aiCostPage,
} from './alpha/pages';
import { allocationRouteRef, chargebackRouteRef, rootRouteRef } from './routes';

export {
  aiCostAllocationPage,
  aiCostApi,
  aiCostChargebackPage,
  aiCostPage,
  aiCostTabAnomaliesCard,
  aiCostTabBudgetCard,
  aiCostTabRecommendationsCard,
  entityAiCostAnomaliesCard,
  entityAiCostBudgetCard,
  entityAiCostContent,
};

/**
 * The AI Cost plugin for the new frontend system: the API client, the
 * org-wide page at `/ai-cost`, the allocation page at
 * `/ai-cost/allocation`, the chargeback page at `/ai-cost/chargeback`, the
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
  },
  extensions: [
    aiCostApi,
    aiCostPage,
    aiCostAllocationPage,
    aiCostChargebackPage,
    entityAiCostContent,
    aiCostTabBudgetCard,
    aiCostTabAnomaliesCard,
    aiCostTabRecommendationsCard,
    entityAiCostBudgetCard,
    entityAiCostAnomaliesCard,
  ],
});
