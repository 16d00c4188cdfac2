import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createBudgetRequestAction } from './actions/budgetRequestAction';
import { createSetBudgetAction } from './actions/setBudgetAction';

/**
 * Adds the AI Cost actions `ai-cost:budget:request` and `ai-cost:budget:set`
 * to the Scaffolder. They call the AI Cost backend on behalf of the user
 * running the template.
 * @public
 */
export const scaffolderModuleAiCost = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ai-cost',
  register(reg) {
    reg.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, discovery, auth }) {
        scaffolder.addActions(
          createBudgetRequestAction({ discovery, auth }),
          createSetBudgetAction({ discovery, auth }),
        );
      },
    });
  },
});
