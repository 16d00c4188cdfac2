import { InputError } from '@backstage/errors';

/**
 * The opaque `cursor` of a paginated list: the sort key of the last item of
 * the previous page, so the next page starts right after it (keyset
 * pagination: no duplicates or gaps while rows are added or removed).
 */
export type CursorKey = Array<string | number>;

/** Encodes the sort key of a page's last item as an opaque cursor. */
export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor made by {@link encodeCursor} for a key of the given
 * shape; anything else is a 400 naming `cursor`.
 */
export function decodeCursor(
  cursor: string,
  shape: Array<'string' | 'number'>,
): CursorKey {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    key = undefined;
  }
  if (
    !Array.isArray(key) ||
    key.length !== shape.length ||
    key.some(
      (value, i) =>
        typeof value !== shape[i] ||
        (typeof value === 'number' && !Number.isSafeInteger(value)),
    )
  ) {
    throw new InputError(
      'cursor: is not a cursor of this list; pass the nextCursor of the previous page',
    );
  }
  return key;
}

/**
 * The first `limit` of `sorted` (one more than a page was read, so a next
 * page shows) and the cursor of the page after it, null on the last page.
 */
export function pageOf<T>(
  sorted: T[],
  limit: number,
  keyOf: (item: T) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const items = sorted.slice(0, limit);
  return {
    items,
    nextCursor:
      sorted.length > limit
        ? encodeCursor(keyOf(items[items.length - 1]))
        : null,
  };
}
