import type { PolicyException } from '@ai-cost/plugin-ai-cost-common';

/** Persistence of model policy exceptions and of the violations already notified. */
export interface PolicyStore {
  addException(exception: PolicyException): Promise<void>;
  /** Exceptions of some entities (all when omitted), newest first; expired ones too. */
  listExceptions(entityRefs?: string[]): Promise<PolicyException[]>;
  getException(id: string): Promise<PolicyException | undefined>;
  /** Removes an exception; returns it, or undefined when there was none. */
  deleteException(id: string): Promise<PolicyException | undefined>;
  /**
   * Records that the owners of each entity were told about its spend on a
   * model; returns the ones not recorded before (the ones to notify).
   */
  recordNotices(
    notices: Array<{ entityRef: string; model: string }>,
    at: Date,
  ): Promise<Array<{ entityRef: string; model: string }>>;
}
