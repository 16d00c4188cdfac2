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
import { aiCostPage } from './alpha/pages';
import { rootRouteRef } from './routes';

export {
  aiCostApi,
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
 * org-wide page at `/ai-cost`, the "AI Cost" entity tab with its budget,
 * anomalies and recommendations cards, and budget and anomalies cards for
 * the entity overview.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-cost',
  title: 'AI Cost',
  icon: <MoneyIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    aiCostApi,
    aiCostPage,
    entityAiCostContent,
    aiCostTabBudgetCard,
    aiCostTabAnomaliesCard,
    aiCostTabRecommendationsCard,
    entityAiCostBudgetCard,
    entityAiCostAnomaliesCard,
  ],
});
