/**
 * The items with the first of each id: a recommendation about a key that
 * two entities share reaches an ancestor's list once per entity.
 */
export function uniqueById<T extends { id: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter(item => {
    if (seen.has(item.id)) return false;
    seen.add(item.id);
    return true;
  });
}
