import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  allocationRuleIdSchema,
  allocationRuleInputSchema,
  describeZodError,
  type AllocationRuleInput,
} from '@ai-cost/plugin-ai-cost-common';
import type { AllocationRule, SplitRule } from './types';

/** A rule that parses but makes no sense: the field and what is wrong with it. */
export class AllocationRuleFieldError extends Error {
  constructor(readonly field: string, readonly problem: string) {
    super(`${field} ${problem}`);
    this.name = 'AllocationRuleFieldError';
  }
}

function normalizeRef(ref: string): string {
  return stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');
}

/** Entity refs lower-cased in full form, sorted with their weights; no repeats. */
function splitTargets(
  input: Extract<AllocationRuleInput, { kind: 'split' }>,
): Pick<SplitRule, 'targets' | 'weights'> {
  const field = input.shares ? 'shares' : 'targets';
  const entries: Array<[string, number | undefined]> = input.shares
    ? Object.entries(input.shares)
    : (input.targets ?? []).map(ref => [ref, undefined]);
  const byRef = new Map<string, number | undefined>();
  for (const [ref, weight] of entries) {
    const normalized = normalizeRef(ref);
    if (byRef.has(normalized)) {
      throw new AllocationRuleFieldError(field, `name ${normalized} twice`);
    }
    byRef.set(normalized, weight);
  }
  const targets = [...byRef.keys()].sort();
  return input.shares
    ? { targets, weights: targets.map(ref => byRef.get(ref)!) }
    : { targets };
}

/**
 * Turns a structurally valid rule into an {@link AllocationRule}, checking
 * what the schema cannot: the tag is an allocation tag, no target twice.
 * Throws {@link AllocationRuleFieldError}.
 */
export function toAllocationRule(
  input: AllocationRuleInput,
  id: string,
  source: AllocationRule['source'],
  tagKeys: string[],
): AllocationRule {
  if (input.kind === 'virtualTag') {
    if (!tagKeys.includes(input.tag)) {
      throw new AllocationRuleFieldError(
        'tag',
        `${JSON.stringify(
          input.tag,
        )} is not one of the allocation tags (${tagKeys.join(', ')})`,
      );
    }
    return {
      kind: 'virtualTag',
      id,
      source,
      tag: input.tag,
      ...(input.value !== undefined
        ? { value: input.value }
        : { valueFrom: input.valueFrom }),
      match: input.match,
    };
  }
  return {
    kind: 'split',
    id,
    source,
    match: input.match,
    method: input.method,
    ...splitTargets(input),
    ...(input.metric !== undefined ? { metric: input.metric } : {}),
  };
}

/**
 * Reads a portal-managed rule (the body of `PUT /allocation/rules/:id` or a
 * preview): one virtual-tag or split rule as in config. Throws InputError
 * naming the field.
 */
export function parseAllocationRule(
  body: unknown,
  tagKeys: string[],
  id: string,
): AllocationRule {
  const parsedId = allocationRuleIdSchema.safeParse(id);
  if (!parsedId.success) {
    throw new InputError(`id: ${parsedId.error.issues[0].message}`);
  }
  const parsed = allocationRuleInputSchema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(describeZodError(parsed.error));
  }
  if (parsed.data.id !== undefined && parsed.data.id !== id) {
    throw new InputError(
      `id: ${JSON.stringify(
        parsed.data.id,
      )} differs from the rule id ${JSON.stringify(id)}`,
    );
  }
  try {
    return toAllocationRule(parsed.data, id, 'portal', tagKeys);
  } catch (error) {
    if (error instanceof AllocationRuleFieldError) {
      throw new InputError(`${error.field}: ${error.problem}`);
    }
    throw error;
  }
}
