import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AiCostExamplePermissionPolicy } from './permissionPolicy';

/** Installs {@link AiCostExamplePermissionPolicy} as the permission policy. */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'ai-cost-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new AiCostExamplePermissionPolicy());
      },
    });
  },
});
