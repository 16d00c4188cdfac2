import type {
  AllocationMatchKey,
  AllocationSplitMethod,
} from '@ai-cost/plugin-ai-cost-common';

/** A usage dimension a rule can match on (besides `tags.<key>`). */
export type MatchKey = AllocationMatchKey;

/** What rules match: one group of usage. */
export interface AllocationRecord {
  sourceId: string;
  provider: string;
  accountId: string | null;
  projectId: string | null;
  resourceId: string | null;
  apiKeyId: string | null;
  userId: string | null;
  region: string | null;
  serviceTier: string | null;
  model: string;
  /** The record's own provider tags (gateway attributes, cloud tags, FOCUS Tags). */
  tags: Record<string, string> | null;
}

/**
 * What a rule matches: keys are {@link MatchKey} or `tags.<key>`; values are
 * exact or globs with `*` (anchored, whole value). Empty matches everything.
 */
export type RuleMatch = Record<string, string>;

/** Sets one allocation tag on the usage it matches. */
export interface VirtualTagRule {
  kind: 'virtualTag';
  id: string;
  source: 'config' | 'portal';
  tag: string;
  /** The value set (a rule has exactly one of value, valueFrom). */
  value?: string;
  /** `tags.<key>`: the record's provider tag giving the value. */
  valueFrom?: string;
  match: RuleMatch;
}

export type SplitMethod = AllocationSplitMethod;

/** Divides the spend it matches among its targets. */
export interface SplitRule {
  kind: 'split';
  id: string;
  source: 'config' | 'portal';
  match: RuleMatch;
  method: SplitMethod;
  /** Entity refs, lower-case, full `kind:namespace/name`, sorted. */
  targets: string[];
  /** Fixed splits only: a positive weight per target, aligned with targets. */
  weights?: number[];
  /** Metric splits only: the business metric to split by. */
  metric?: string;
}

export type AllocationRule = VirtualTagRule | SplitRule;

/** `aiCost.allocation`, read and validated. */
export interface AllocationSettings {
  /** Allocation tag keys, in order. */
  tagKeys: string[];
  /** tag → canonical value → synonyms (matched case-insensitively). */
  normalize: Record<string, Record<string, string[]>>;
  /** Config rules, in order. */
  rules: AllocationRule[];
  /** Share of spend allocated from which chargeback is ready, in (0, 1]. */
  coverageThreshold: number;
}
