import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { AiCostProvider } from './AiCostProvider';

/**
 * Lets backend modules contribute billing sources to the AI Cost plugin.
 * @public
 */
export interface AiCostProvidersExtensionPoint {
  addProvider(...providers: Array<AiCostProvider | AiCostProvider[]>): void;
}

/** @public */
export const aiCostProvidersExtensionPoint =
  createExtensionPoint<AiCostProvidersExtensionPoint>({
    id: 'ai-cost.providers',
  });
