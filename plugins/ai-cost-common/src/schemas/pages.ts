import { z } from 'zod';

/** Items per page of a list route when `limit` is omitted. @public */
export const DEFAULT_PAGE_LIMIT = 50;

/** The largest `limit` a list route accepts. @public */
export const MAX_PAGE_LIMIT = 500;

/**
 * The `limit` and `cursor` query parameters of the paginated list routes:
 * `limit` items (1 to {@link MAX_PAGE_LIMIT}, default
 * {@link DEFAULT_PAGE_LIMIT}) after the opaque `cursor` a previous page
 * returned as `nextCursor`.
 * @public
 */
export const pageQueryShape = {
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(1, 'must be at least 1')
        .max(MAX_PAGE_LIMIT, `must be at most ${MAX_PAGE_LIMIT}`),
    )
    .default(String(DEFAULT_PAGE_LIMIT)),
  cursor: z
    .string()
    .min(1, 'must not be empty')
    .max(512, 'must be at most 512 characters')
    .optional(),
};

/** One page of a list: the items and the cursor of the next page, null after the last. @public */
export type Page<T> = {
  items: T[];
  /** Pass as `cursor` to get the next page; null when this page is the last. */
  nextCursor: string | null;
};
