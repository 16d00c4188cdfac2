import { InputError } from '@backstage/errors';
import { describeZodError } from '@ai-cost/plugin-ai-cost-common';
import type { z } from 'zod';

/** Parses a query or body with a zod schema; a 400 names every bad field. */
export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InputError(describeZodError(parsed.error));
  return parsed.data;
}
