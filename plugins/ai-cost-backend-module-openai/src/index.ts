import { createBackendModule } from '@backstage/backend-plugin-api';

/** @public */
export default createBackendModule({
  pluginId: 'ai-cost',
  moduleId: 'openai',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});
