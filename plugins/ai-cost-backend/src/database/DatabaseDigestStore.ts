import type { Knex } from 'knex';
import type { DigestKind, DigestStore } from './DigestStore';

const TABLE = 'ai_cost_digests';

/** The knex implementation of {@link DigestStore}, on SQLite and PostgreSQL. */
export class DatabaseDigestStore implements DigestStore {
  constructor(private readonly db: Knex) {}

  async claimPeriod(digest: DigestKind, periodStart: string, at: Date) {
    // The first claim of a digest inserts its row; any later one moves the
    // period forward with one conditional update, which the database
    // serialises: of two replicas claiming the same period one updates a
    // row, the other finds the period already there.
    const inserted = await this.db(TABLE)
      .insert({ digest, period: periodStart, sent_at: at })
      .onConflict('digest')
      .ignore()
      .returning('digest');
    if (inserted.length > 0) return true;
    const updated = await this.db(TABLE)
      .where('digest', digest)
      .andWhere('period', '<', periodStart)
      .update({ period: periodStart, sent_at: at });
    return updated === 1;
  }

  async lastPeriod(digest: DigestKind) {
    const row = await this.db<{ digest: string; period: string }>(TABLE)
      .where({ digest })
      .first('period');
    return row?.period;
  }
}
