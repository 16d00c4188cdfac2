import { ConflictError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { DbSourceRow } from './tables';

/**
 * Makes sure a pushed source has a row of the given kind (`gateway`,
 * `focus` or `expense`) and locks it for the transaction: pushes to one source are
 * serialised with each other and with its re-attribution. A source id of
 * another kind is refused, so a push can never rewrite a provider source's
 * usage.
 */
export async function lockPushSource(
  tx: Knex.Transaction,
  sourceId: string,
  kind: 'gateway' | 'focus' | 'expense',
): Promise<void> {
  await tx<DbSourceRow>('ai_cost_sources')
    .insert({
      id: sourceId,
      provider: kind,
      demo: false,
      status: 'never-run',
      rows_upserted: 0,
    })
    .onConflict('id')
    .ignore();
  const source = await tx<DbSourceRow>('ai_cost_sources')
    .where({ id: sourceId })
    .forUpdate()
    .first();
  if (source && source.provider !== kind) {
    throw new ConflictError(
      `Source "${sourceId}" is a ${source.provider} source; ${kind} data needs a source id of its own`,
    );
  }
}
