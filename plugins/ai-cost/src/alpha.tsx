import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import { aiCostApiRef, AiCostClient } from './api';
import { rootRouteRef } from './routes';

/** The AI Cost API client. @alpha */
export const aiCostApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: aiCostApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiCostClient({ discoveryApi, fetchApi }),
    }),
});

/** The org-wide page at `/ai-cost`, with its nav item. @alpha */
export const aiCostPage = PageBlueprint.make({
  params: {
    path: '/ai-cost',
    title: 'AI Cost',
    icon: <MoneyIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/AiCostPage').then(m =>
        compatWrapper(<m.AiCostPage />),
      ),
  },
});

/**
 * The AI Cost plugin for the new frontend system.
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'ai-cost',
  title: 'AI Cost',
  icon: <MoneyIcon />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [aiCostApi, aiCostPage],
});
