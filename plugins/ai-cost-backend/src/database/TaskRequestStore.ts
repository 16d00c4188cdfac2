/**
 * A request made of a global scheduled task (run a source now, post-
 * attribution work is due), kept in the database so that whichever replica
 * runs the task sees it.
 */
export interface TaskRequest {
  taskId: string;
  /** Rises with every request; a run completes the generation it claimed. */
  generation: number;
  /** What the requests asked for, merged by the requester (JSON). */
  payload: string | null;
  requestedAt: string;
}

/** Pending work of global tasks; see {@link TaskRequest}. */
export interface TaskRequestStore {
  /**
   * Records a request. `mergePayload` combines the request already pending
   * (undefined when none) with this one's payload; it runs in the same
   * transaction.
   */
  request(
    taskId: string,
    mergePayload?: (pending: TaskRequest | undefined) => string | null,
  ): Promise<TaskRequest>;
  /** The pending request of a task, if any. */
  pending(taskId: string): Promise<TaskRequest | undefined>;
  /**
   * Marks the work of a claimed request done. A request made since the claim
   * (a higher generation) stays pending.
   */
  complete(request: TaskRequest): Promise<void>;
}
