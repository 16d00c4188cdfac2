/** The digests sent on a schedule (DESIGN §9.4). */
export type DigestKind = 'weekly' | 'monthly' | 'leadership';

/** Which period each digest was last sent for. */
export interface DigestStore {
  /**
   * Claims a period of a digest for sending: true for exactly one caller,
   * however many replicas ask at once, and only when the digest has not
   * been sent for this period or a later one.
   */
  claimPeriod(
    digest: DigestKind,
    periodStart: string,
    at: Date,
  ): Promise<boolean>;
  /** First day of the last period sent, if any. */
  lastPeriod(digest: DigestKind): Promise<string | undefined>;
}
