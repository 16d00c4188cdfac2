import { createBackendModule } from '@backstage/backend-plugin-api';

/** @public */
export default createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'anthropic',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});
