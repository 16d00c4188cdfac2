import { createApiRef } from '@backstage/core-plugin-api';
import type { SourceInfo } from '@ai-cost/plugin-ai-cost-common';

/**
 * Client of the AI Cost backend (`/api/ai-cost`).
 * @public
 */
export interface AiCostApi {
  /** Configured billing sources with the state of their last run. */
  listSources(): Promise<SourceInfo[]>;
  /** Triggers the ingestion of one source now (needs `ai-cost.admin`). */
  refreshSource(id: string): Promise<void>;
}

/** @public */
export const aiCostApiRef = createApiRef<AiCostApi>({
  id: 'plugin.ai-cost.service',
});
