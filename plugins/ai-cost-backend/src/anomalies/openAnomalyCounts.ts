import type { AnomalyStore } from '../database';

const PAGE = 500;

/**
 * Open anomalies per entity: those detection still reports and nobody
 * closed with "expected" or "not an issue" feedback.
 */
export async function openAnomalyCounts(
  store: Pick<AnomalyStore, 'listAnomalies'>,
): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let cursor: string | undefined;
  do {
    const page = await store.listAnomalies({
      status: 'open',
      limit: PAGE,
      cursor,
    });
    for (const anomaly of page.items) {
      const closed =
        anomaly.feedback?.value === 'expected' ||
        anomaly.feedback?.value === 'not-an-issue';
      if (!closed) {
        counts.set(anomaly.entityRef, (counts.get(anomaly.entityRef) ?? 0) + 1);
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return counts;
}
