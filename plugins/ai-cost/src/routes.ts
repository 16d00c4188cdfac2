import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide AI Cost page. @public */
export const rootRouteRef = createRouteRef({ id: 'ai-cost' });
