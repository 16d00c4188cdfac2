import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import { aiCostApi } from './alpha/apis';
import { entityAiCostContent } from './alpha/entityContent';
import { aiCostPage } from './alpha/pages';
import { rootRouteRef } from './routes';

export { aiCostApi, aiCostPage, entityAiCostContent };

/**
 * The AI Cost plugin for the new frontend system: the API client, the
 * org-wide page at `/ai-cost` and the "AI Cost" entity tab.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-cost',
  title: 'AI Cost',
  icon: <MoneyIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [aiCostApi, aiCostPage, entityAiCostContent],
});
