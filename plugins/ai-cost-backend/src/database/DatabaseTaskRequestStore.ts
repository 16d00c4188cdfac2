import type { Knex } from 'knex';
import { dbIso, dbNumber } from './dbHelpers';
import type { TaskRequest, TaskRequestStore } from './TaskRequestStore';

type DbTaskRequestRow = {
  task_id: string;
  generation: number | string;
  payload: string | null;
  requested_at: Date | string;
};

function toRequest(row: DbTaskRequestRow): TaskRequest {
  return {
    taskId: row.task_id,
    generation: dbNumber(row.generation),
    payload: row.payload,
    requestedAt: dbIso(row.requested_at),
  };
}

/** The knex implementation of {@link TaskRequestStore}. */
export class DatabaseTaskRequestStore implements TaskRequestStore {
  constructor(private readonly db: Knex) {}

  async request(
    taskId: string,
    mergePayload?: (pending: TaskRequest | undefined) => string | null,
  ): Promise<TaskRequest> {
    return this.db.transaction(async tx => {
      const current = await tx<DbTaskRequestRow>('ai_cost_task_requests')
        .where({ task_id: taskId })
        .forUpdate()
        .first();
      const payload =
        mergePayload?.(current ? toRequest(current) : undefined) ?? null;
      const requestedAt = new Date();
      if (current) {
        const generation = dbNumber(current.generation) + 1;
        await tx('ai_cost_task_requests')
          .where({ task_id: taskId })
          .update({ generation, payload, requested_at: requestedAt });
        return toRequest({
          task_id: taskId,
          generation,
          payload,
          requested_at: requestedAt,
        });
      }
      // Two replicas may insert at once: the loser adds to the winner's row.
      const inserted = await tx('ai_cost_task_requests')
        .insert({
          task_id: taskId,
          generation: 1,
          payload,
          requested_at: requestedAt,
        })
        .onConflict('task_id')
        .merge({
          generation: tx.raw('ai_cost_task_requests.generation + 1'),
          requested_at: requestedAt,
        })
        .returning('*');
      return toRequest(inserted[0] as DbTaskRequestRow);
    });
  }

  async pending(taskId: string): Promise<TaskRequest | undefined> {
    const row = await this.db<DbTaskRequestRow>('ai_cost_task_requests')
      .where({ task_id: taskId })
      .first();
    return row ? toRequest(row) : undefined;
  }

  async complete(request: TaskRequest): Promise<void> {
    await this.db('ai_cost_task_requests')
      .where({ task_id: request.taskId, generation: request.generation })
      .delete();
  }
}
