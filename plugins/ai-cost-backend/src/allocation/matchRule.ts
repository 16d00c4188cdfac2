import type { AllocationRecord, MatchKey, RuleMatch } from './types';

const TAG_PREFIX = 'tags.';

type Condition = { read: (record: AllocationRecord) => string | null } & (
  | { exact: string }
  | { glob: RegExp }
);

const compiled = new WeakMap<RuleMatch, Condition[]>();

/** `*` matches any run of characters; everything else is literal; whole value. */
export function globToRegExp(glob: string): RegExp {
  const parts = glob
    .split('*')
    .map(part => part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's');
}

function reader(key: string): Condition['read'] {
  if (key.startsWith(TAG_PREFIX)) {
    const tag = key.slice(TAG_PREFIX.length);
    return record => record.tags?.[tag] ?? null;
  }
  const dimension = key as MatchKey;
  return record => record[dimension] ?? null;
}

function compile(match: RuleMatch): Condition[] {
  let conditions = compiled.get(match);
  if (!conditions) {
    conditions = Object.entries(match).map(([key, value]) =>
      value.includes('*')
        ? { read: reader(key), glob: globToRegExp(value) }
        : { read: reader(key), exact: value },
    );
    compiled.set(match, conditions);
  }
  return conditions;
}

/**
 * True when the record matches every condition of a rule: keys are
 * dimensions or `tags.<key>`, values exact or `*` globs (anchored, case
 * sensitive). An empty match matches everything; a missing (null) dimension
 * never matches.
 */
export function matchesRule(
  match: RuleMatch,
  record: AllocationRecord,
): boolean {
  return compile(match).every(condition => {
    const actual = condition.read(record);
    if (actual === null) return false;
    return 'exact' in condition
      ? actual === condition.exact
      : condition.glob.test(actual);
  });
}
