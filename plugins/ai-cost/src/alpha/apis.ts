import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { aiCostApiRef, AiCostClient } from '../api';

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
