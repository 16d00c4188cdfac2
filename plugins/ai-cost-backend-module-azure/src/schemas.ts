import { z } from 'zod';

/**
 * The Cost Management Query API response (`QueryResult`): rows are
 * positional arrays described by `columns`, so they are always read by
 * column name, never by index. Unknown fields are ignored.
 */
export const queryResultSchema = z.object({
  properties: z.object({
    /** POST the same body to it for the next page; null when done. */
    nextLink: z.string().nullish(),
    columns: z.array(
      z.object({ name: z.string(), type: z.string().optional() }),
    ),
    rows: z.array(z.array(z.union([z.number(), z.string(), z.null()]))),
  }),
});

export type QueryResult = z.infer<typeof queryResultSchema>;

/** Azure's error envelope `{"error":{"code":"…","message":"…"}}`. */
const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string().nullish(),
    message: z.string().nullish(),
  }),
});

/** `Too many requests. Please retry. (429)` from an error envelope. */
export function describeAzureErrorBody(body: unknown): string | undefined {
  const parsed = errorEnvelopeSchema.safeParse(body);
  if (!parsed.success || !parsed.data.error.message) return undefined;
  const { code, message } = parsed.data.error;
  return code ? `${message} (${code})` : message;
}
