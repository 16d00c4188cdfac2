import { InputError } from '@backstage/errors';
import { describeZodError } from '@ai-cost/plugin-ai-cost-common';
import type { z } from 'zod';
import { pathOfNul } from '../push/events';

/**
 * Parses a query or body with a zod schema; a 400 names every bad field.
 * Strings with U+0000 are refused first: PostgreSQL cannot store them.
 */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
): z.output<S> {
  const nul = pathOfNul(input);
  if (nul) {
    throw new InputError(
      `${nul.join('.') || 'body'}: must not contain NUL (U+0000) characters`,
    );
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InputError(describeZodError(parsed.error));
  return parsed.data;
}
