/*
 * A backend module contributing fake billing sources to the AI Cost plugin
 * through its extension point. Each source asks the test's loopback HTTP
 * double for its records, so the test counts every run of every source and
 * sees which replica ran it.
 */

import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import {
  aiCostProvidersExtensionPoint,
  type AiCostProvider,
  type UsageRecord,
} from '@ai-cost/plugin-ai-cost-node';

export const fakeProviderModule = createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'replicas-fake-provider',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        providers: aiCostProvidersExtensionPoint,
      },
      async init({ config, providers }) {
        const url = config.getString('replicasTest.fakeUsageUrl');
        const replica = config.getString('replicasTest.replica');
        providers.addProvider(
          config.getStringArray('replicasTest.sourceIds').map(
            (id): AiCostProvider => ({
              id,
              provider: 'openai',
              async fetchUsage(window, { signal }) {
                const query = new URLSearchParams({ ...window, replica });
                const res = await fetch(
                  `${url}/sources/${encodeURIComponent(id)}/usage?${query}`,
                  { signal },
                );
                if (!res.ok) {
                  throw new Error(`fake usage of ${id}: HTTP ${res.status}`);
                }
                return (await res.json()) as UsageRecord[];
              },
            }),
          ),
        );
      },
    });
  },
});
