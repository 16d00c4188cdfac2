/**
 * The day from which the figures of a window have history: the latest first
 * day (see `AttributedSpendStore.historyStarts`) of the sources behind them,
 * so a comparison with a period that starts earlier is known to be
 * incomplete. The sources are those that spent in the windows compared;
 * when none did, every source with history by `to`. Null when there is no
 * such source: nothing has been ingested.
 *
 * The latest of the sources' first days, not the organisation's earliest
 * one: a provider connected last month would otherwise make its spend look
 * new. Per source, not per entity: an entity whose first spend falls inside
 * the history really is new.
 */
export function historyFrom(
  starts: Array<{ sourceId: string; from: string }>,
  options: { sourceIds: Iterable<string>; to: string },
): string | null {
  const wanted = new Set(options.sourceIds);
  const behind = starts.filter(start =>
    wanted.size > 0 ? wanted.has(start.sourceId) : start.from <= options.to,
  );
  if (behind.length === 0) return null;
  return behind.map(start => start.from).sort()[behind.length - 1];
}
