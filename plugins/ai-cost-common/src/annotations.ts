/**
 * The `catalog-info.yaml` annotations through which entities claim AI spend.
 * Values are comma-separated lists unless stated otherwise.
 */

/** @public */
export const ANNOTATION_OPENAI_PROJECT_ID = 'ai-cost/openai-project-id';
/** @public */
export const ANNOTATION_OPENAI_API_KEY_ID = 'ai-cost/openai-api-key-id';
/** `default` addresses the default workspace, which the API reports as null. @public */
export const ANNOTATION_ANTHROPIC_WORKSPACE_ID =
  'ai-cost/anthropic-workspace-id';
/** @public */
export const ANNOTATION_ANTHROPIC_API_KEY_ID = 'ai-cost/anthropic-api-key-id';
/** @public */
export const ANNOTATION_AWS_ACCOUNT_ID = 'ai-cost/aws-account-id';
/**
 * ARN prefixes (`arn:aws:bedrock:us-east-1:123456789012:`), matched
 * case-sensitively; the longest prefix wins. @public
 */
export const ANNOTATION_AWS_RESOURCE_ARN = 'ai-cost/aws-resource-arn';
/** `key=value,...` @public */
export const ANNOTATION_AWS_TAGS = 'ai-cost/aws-tags';
/** @public */
export const ANNOTATION_GCP_PROJECT_ID = 'ai-cost/gcp-project-id';
/** `key=value,...` @public */
export const ANNOTATION_GCP_LABELS = 'ai-cost/gcp-labels';
/** Resource ids, matched as prefixes. @public */
export const ANNOTATION_AZURE_RESOURCE_ID = 'ai-cost/azure-resource-id';
/** `key=value,...` @public */
export const ANNOTATION_AZURE_TAGS = 'ai-cost/azure-tags';
/**
 * Backstage's own Kubernetes annotation: the value of the
 * `backstage.io/kubernetes-id` label on the entity's pods (OpenCost reports it
 * sanitized as `backstage_io_kubernetes_id`). Claims those workloads. @public
 */
export const ANNOTATION_KUBERNETES_ID = 'backstage.io/kubernetes-id';
/**
 * Backstage's own Kubernetes annotation. Claims the namespace only on an
 * entity without {@link ANNOTATION_KUBERNETES_ID}: with one, Backstage uses
 * the namespace as a filter, and components sharing it would split every
 * unlabelled workload in it. @public
 */
export const ANNOTATION_BACKSTAGE_KUBERNETES_NAMESPACE =
  'backstage.io/kubernetes-namespace';
/** Kubernetes namespaces whose workloads the entity claims. @public */
export const ANNOTATION_KUBERNETES_NAMESPACE = 'ai-cost/kubernetes-namespace';
/** `key=value,...` attributes on pushed gateway / OpenTelemetry events. @public */
export const ANNOTATION_GATEWAY_TAGS = 'ai-cost/gateway-tags';
/** `2500` or `2500 USD`: the default monthly budget. @public */
export const ANNOTATION_MONTHLY_BUDGET = 'ai-cost/monthly-budget';
/**
 * `50 USD, 30%`: the smallest anomaly worth raising, in money and/or percent
 * of the expected spend; either part is optional (DESIGN §9.4). @public
 */
export const ANNOTATION_ANOMALY_THRESHOLD = 'ai-cost/anomaly-threshold';
/**
 * `environment=production, feature=checkout`: default allocation tags for the
 * spend an entity claims. @public
 */
export const ANNOTATION_TAGS = 'ai-cost/tags';

/** On a Group: the cost centre its chargeback line is billed to, inherited by child groups. @public */
export const ANNOTATION_COST_CENTER = 'ai-cost/cost-center';

/**
 * `documents_processed`: the entity's own unit of value, the metric its AI
 * Cost tab divides spend by (DESIGN §9.2). @public
 */
export const ANNOTATION_UNIT_METRIC = 'ai-cost/unit-metric';

/**
 * `OpenAI, Cursor`: AI vendors the entity approves (e.g. a Resource of
 * `spec.type: ai-tool`). Expensed spend with them is approved AI spend, with
 * any other AI vendor shadow AI (DESIGN §9.3). Names match the AI vendor list
 * and its aliases case-insensitively (`ChatGPT` approves OpenAI). @public
 */
export const ANNOTATION_VENDOR = 'ai-cost/vendor';

/**
 * `frontier`, `standard` or `efficient`: the most capable model tier the
 * entity may use (DESIGN §9.4 model policies). @public
 */
export const ANNOTATION_MAX_MODEL_TIER = 'ai-cost/max-model-tier';

/**
 * `gpt-4o-mini, claude-haiku*`: model globs the entity may use whatever
 * their tier (`*` matches any run of characters, case-insensitive). @public
 */
export const ANNOTATION_ALLOWED_MODELS = 'ai-cost/allowed-models';

/**
 * `block`, `block-non-production` or `warn`: how the gateway guardrail
 * (`GET /guardrails/decision`) enforces the entity's budget and model
 * policy. Absent: never deny (DESIGN §9.4). @public
 */
export const ANNOTATION_BUDGET_ENFORCEMENT = 'ai-cost/budget-enforcement';

/** Model tiers, most capable first. @public */
export const MODEL_TIERS = ['frontier', 'standard', 'efficient'] as const;

/** A model tier. @public */
export type ModelTier = (typeof MODEL_TIERS)[number];

/** Values of {@link ANNOTATION_BUDGET_ENFORCEMENT}. @public */
export const BUDGET_ENFORCEMENTS = [
  'block',
  'block-non-production',
  'warn',
] as const;

/** How an entity opted in to guardrail enforcement. @public */
export type BudgetEnforcement = (typeof BUDGET_ENFORCEMENTS)[number];

/** The name Anthropic's default workspace (reported as null) is claimed by. @public */
export const DEFAULT_WORKSPACE = 'default';

/**
 * How specific a claim is; a usage record goes to the most specific claim:
 * api key (3), then project/workspace/resource (2), then
 * account/subscription/tags (1).
 * @public
 */
export type ClaimSpecificity = 3 | 2 | 1;

/** A dimension of a usage record that an annotation can claim. @public */
export type ClaimDimension =
  | 'apiKeyId'
  | 'projectId'
  | 'resourceId'
  | 'accountId'
  | 'tag'
  /** The employee of an expense line (provider `expense`): e-mail or user ref, lower-case. */
  | 'userId';

/** What one cost annotation claims. @public */
export interface ClaimAnnotationSpec {
  annotation: string;
  /** The provider whose records the claim applies to. */
  provider:
    | 'openai'
    | 'anthropic'
    | 'aws'
    | 'gcp'
    | 'azure'
    | 'kubernetes'
    | 'gateway';
  dimension: ClaimDimension;
  specificity: ClaimSpecificity;
  /** `list`: comma-separated ids; `tags`: comma-separated `key=value` pairs. */
  format: 'list' | 'tags';
  /** Resource ids match by prefix (Azure resource ids, AWS ARNs). */
  prefixMatch?: boolean;
  /** Prefixes compare case-insensitively (Azure resource ids; AWS ARNs do not). */
  ignoreCase?: boolean;
  /** The annotation claims nothing on an entity that also has this one. */
  unlessAnnotation?: string;
}

/** Every annotation that claims spend, with its semantics. @public */
export const CLAIM_ANNOTATIONS: readonly ClaimAnnotationSpec[] = [
  {
    annotation: ANNOTATION_OPENAI_API_KEY_ID,
    provider: 'openai',
    dimension: 'apiKeyId',
    specificity: 3,
    format: 'list',
  },
  {
    annotation: ANNOTATION_OPENAI_PROJECT_ID,
    provider: 'openai',
    dimension: 'projectId',
    specificity: 2,
    format: 'list',
  },
  {
    annotation: ANNOTATION_ANTHROPIC_API_KEY_ID,
    provider: 'anthropic',
    dimension: 'apiKeyId',
    specificity: 3,
    format: 'list',
  },
  {
    annotation: ANNOTATION_ANTHROPIC_WORKSPACE_ID,
    provider: 'anthropic',
    dimension: 'projectId',
    specificity: 2,
    format: 'list',
  },
  {
    annotation: ANNOTATION_AWS_ACCOUNT_ID,
    provider: 'aws',
    dimension: 'accountId',
    specificity: 1,
    format: 'list',
  },
  {
    annotation: ANNOTATION_AWS_RESOURCE_ARN,
    provider: 'aws',
    dimension: 'resourceId',
    specificity: 2,
    format: 'list',
    prefixMatch: true,
  },
  {
    annotation: ANNOTATION_AWS_TAGS,
    provider: 'aws',
    dimension: 'tag',
    specificity: 1,
    format: 'tags',
  },
  {
    annotation: ANNOTATION_GCP_PROJECT_ID,
    provider: 'gcp',
    dimension: 'projectId',
    specificity: 2,
    format: 'list',
  },
  {
    annotation: ANNOTATION_GCP_LABELS,
    provider: 'gcp',
    dimension: 'tag',
    specificity: 1,
    format: 'tags',
  },
  {
    annotation: ANNOTATION_AZURE_RESOURCE_ID,
    provider: 'azure',
    dimension: 'resourceId',
    specificity: 2,
    format: 'list',
    prefixMatch: true,
    ignoreCase: true,
  },
  {
    annotation: ANNOTATION_AZURE_TAGS,
    provider: 'azure',
    dimension: 'tag',
    specificity: 1,
    format: 'tags',
  },
  {
    annotation: ANNOTATION_KUBERNETES_ID,
    provider: 'kubernetes',
    dimension: 'projectId',
    specificity: 2,
    format: 'list',
  },
  // Before the Backstage namespace annotation: the one suggested to claim a namespace.
  {
    annotation: ANNOTATION_KUBERNETES_NAMESPACE,
    provider: 'kubernetes',
    dimension: 'accountId',
    specificity: 1,
    format: 'list',
  },
  {
    annotation: ANNOTATION_BACKSTAGE_KUBERNETES_NAMESPACE,
    provider: 'kubernetes',
    dimension: 'accountId',
    specificity: 1,
    format: 'list',
    unlessAnnotation: ANNOTATION_KUBERNETES_ID,
  },
  {
    annotation: ANNOTATION_GATEWAY_TAGS,
    provider: 'gateway',
    dimension: 'tag',
    specificity: 1,
    format: 'tags',
  },
];

/** Every annotation this plugin reads: the `ai-cost/*` ones and the Backstage Kubernetes ones it claims by. @public */
export const ALL_ANNOTATIONS: readonly string[] = [
  ...CLAIM_ANNOTATIONS.map(a => a.annotation),
  ANNOTATION_MONTHLY_BUDGET,
  ANNOTATION_ANOMALY_THRESHOLD,
  ANNOTATION_TAGS,
  ANNOTATION_COST_CENTER,
  ANNOTATION_UNIT_METRIC,
  ANNOTATION_VENDOR,
  ANNOTATION_MAX_MODEL_TIER,
  ANNOTATION_ALLOWED_MODELS,
  ANNOTATION_BUDGET_ENFORCEMENT,
];

/** Thrown for an annotation value that cannot be read; names the annotation. @public */
export class AnnotationParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnnotationParseError';
  }
}

/** Splits a comma-separated annotation value into trimmed, non-empty, unique items. @public */
export function parseListAnnotation(value: string | undefined): string[] {
  if (!value) return [];
  return [
    ...new Set(
      value
        .split(',')
        .map(v => v.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * Parses `key=value,key2=value2` into pairs. Throws {@link AnnotationParseError}
 * naming the annotation and the offending item when an item has no `=`,
 * an empty key or an empty value.
 * @public
 */
export function parseTagsAnnotation(
  value: string | undefined,
  annotation = 'tags',
): Array<{ key: string; value: string }> {
  return parseListAnnotation(value).map(item => {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    const tagValue = at < 0 ? '' : item.slice(at + 1).trim();
    if (!key || !tagValue) {
      throw new AnnotationParseError(
        `Invalid ${annotation} item "${item}": expected key=value`,
      );
    }
    return { key, value: tagValue };
  });
}

/** Allocation tag keys: lower-case letters and digits, then also `_`, `.`, `-`. @public */
export const ALLOCATION_TAG_KEY_PATTERN = /^[a-z0-9][a-z0-9_.-]*$/;

/**
 * Parses {@link ANNOTATION_TAGS} (`environment=production, feature=checkout`).
 * Keys must match {@link ALLOCATION_TAG_KEY_PATTERN}. A bad pair is reported
 * as a problem naming it; the good pairs are still kept (the last of a
 * repeated key wins).
 * @public
 */
export function parseAllocationTagsAnnotation(value: string): {
  tags: Record<string, string>;
  problems: string[];
} {
  const tags: Record<string, string> = {};
  const problems: string[] = [];
  for (const item of parseListAnnotation(value)) {
    const at = item.indexOf('=');
    const key = at < 0 ? '' : item.slice(0, at).trim();
    const tagValue = at < 0 ? '' : item.slice(at + 1).trim();
    if (!key || !tagValue) {
      problems.push(
        `Invalid ${ANNOTATION_TAGS} item "${item}": expected key=value`,
      );
    } else if (!ALLOCATION_TAG_KEY_PATTERN.test(key)) {
      problems.push(
        `Invalid ${ANNOTATION_TAGS} key "${key}": use lower-case letters, digits, _ . -`,
      );
    } else {
      tags[key] = tagValue;
    }
  }
  return { tags, problems };
}

/**
 * The allocation tag a budget scope written without one names:
 * `staging=300 USD` is `environment:staging=300 USD`.
 * @public
 */
export const DEFAULT_BUDGET_SCOPE_TAG = 'environment';

/** One value of one allocation tag a budget is scoped to. @public */
export type BudgetScope = { tagKey: string; value: string };

/**
 * Reads a budget scope `<tagKey>:<value>` (e.g. `environment:staging`); a
 * bare value (`staging`) means {@link DEFAULT_BUDGET_SCOPE_TAG} when
 * `allowBare` is set. Undefined when it is not one: an empty part, a key
 * that is not an allocation tag key, or `,` or `=` in the value.
 * @public
 */
export function parseBudgetScope(
  text: string,
  options: { allowBare?: boolean } = {},
): BudgetScope | undefined {
  const at = text.indexOf(':');
  if (at < 0 && !options.allowBare) return undefined;
  const tagKey = at < 0 ? DEFAULT_BUDGET_SCOPE_TAG : text.slice(0, at).trim();
  const value = text.slice(at + 1).trim();
  if (!ALLOCATION_TAG_KEY_PATTERN.test(tagKey) || !/^[^,=]+$/.test(value)) {
    return undefined;
  }
  return { tagKey, value };
}

/** `environment:staging`: how the API and the store name a scope. @public */
export function formatBudgetScope(scope: BudgetScope): string {
  return `${scope.tagKey}:${scope.value}`;
}

/** A monthly amount of {@link ANNOTATION_MONTHLY_BUDGET}, major units. @public */
export type BudgetAnnotationAmount = { amount: number; currency?: string };

const BUDGET_AMOUNT = /^(\d+(?:\.\d+)?)\s*(?:([A-Za-z]{3}))?$/;

function budgetAmount(text: string): BudgetAnnotationAmount | undefined {
  const match = BUDGET_AMOUNT.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  return match[2] ? { amount, currency: match[2].toUpperCase() } : { amount };
}

/**
 * Parses the monthly budget annotation: `2500`, `2500.50` or `2500 USD`,
 * optionally followed by budgets scoped to one allocation tag value:
 * `2500 USD, staging=300 USD, customer:acme=100 USD` (a scope without a tag
 * key names an `environment` value). Returns the overall amount in major
 * units with its currency, if given, and the scoped ones with their scope
 * as `<tagKey>:<value>`. Throws {@link AnnotationParseError} naming the bad
 * part.
 * @public
 */
export function parseBudgetAnnotation(value: string | undefined):
  | (BudgetAnnotationAmount & {
      scoped?: Array<BudgetAnnotationAmount & { scope: string }>;
    })
  | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const example = 'expected an amount such as "2500" or "2500 USD"';
  if (!/[,=]/.test(value)) {
    const overall = budgetAmount(value);
    if (!overall) {
      throw new AnnotationParseError(
        `Invalid ${ANNOTATION_MONTHLY_BUDGET} "${value}": ${example}`,
      );
    }
    return overall;
  }
  const fail = (part: string, expected: string) =>
    new AnnotationParseError(
      `Invalid ${ANNOTATION_MONTHLY_BUDGET} part "${part}" in "${value}": ${expected}`,
    );
  let overall: BudgetAnnotationAmount | undefined;
  const scoped: Array<BudgetAnnotationAmount & { scope: string }> = [];
  for (const part of value.split(',').map(p => p.trim())) {
    const at = part.indexOf('=');
    if (at < 0) {
      if (overall) throw fail(part, 'the overall amount is given twice');
      overall = budgetAmount(part);
      if (!overall) throw fail(part, example);
      continue;
    }
    const scope = parseBudgetScope(part.slice(0, at), { allowBare: true });
    if (!scope) {
      throw fail(
        part,
        'expected a scope such as "staging=300 USD" or "environment:staging=300 USD"',
      );
    }
    const amount = budgetAmount(part.slice(at + 1));
    if (!amount) throw fail(part, `${example} after "="`);
    const name = formatBudgetScope(scope);
    if (scoped.some(s => s.scope === name)) {
      throw fail(part, `the budget of ${name} is given twice`);
    }
    scoped.push({ ...amount, scope: name });
  }
  if (!overall) {
    throw new AnnotationParseError(
      `Invalid ${ANNOTATION_MONTHLY_BUDGET} "${value}": the overall amount is missing, e.g. "2500 USD, staging=300 USD"`,
    );
  }
  return { ...overall, scoped };
}

/**
 * Parses {@link ANNOTATION_ANOMALY_THRESHOLD}: `50 USD, 30%`, `50`, `30%` or
 * `50, 30%`. Returns the minimum impact in major units (with its currency,
 * if given) and/or the minimum impact in percent of the expected spend.
 * Throws {@link AnnotationParseError} naming the annotation and the bad part.
 * @public
 */
export function parseAnomalyThresholdAnnotation(value: string | undefined):
  | {
      minImpact?: number;
      currency?: string;
      minImpactPercent?: number;
    }
  | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const result: {
    minImpact?: number;
    currency?: string;
    minImpactPercent?: number;
  } = {};
  const fail = (part: string, expected: string) =>
    new AnnotationParseError(
      `Invalid ${ANNOTATION_ANOMALY_THRESHOLD} part "${part}" in "${value}": ${expected}`,
    );
  const parts = value.split(',').map(p => p.trim());
  if (parts.length > 2) {
    throw fail(
      parts.slice(2).join(', '),
      'expected at most an amount and a percentage such as "50 USD, 30%"',
    );
  }
  for (const part of parts) {
    const percent = /^(\d+(?:\.\d+)?)\s*%$/.exec(part);
    const money = /^(\d+(?:\.\d+)?)\s*(?:([A-Za-z]{3}))?$/.exec(part);
    if (percent) {
      const pct = Number(percent[1]);
      if (result.minImpactPercent !== undefined) {
        throw fail(part, 'the percentage is given twice');
      }
      if (pct > 1000) throw fail(part, 'a percentage must be 0–1000%');
      result.minImpactPercent = pct;
    } else if (money) {
      if (result.minImpact !== undefined) {
        throw fail(part, 'the amount is given twice');
      }
      result.minImpact = Number(money[1]);
      if (money[2]) result.currency = money[2].toUpperCase();
    } else {
      throw fail(
        part,
        'expected an amount such as "50" or "50 USD" and/or a percentage such as "30%"',
      );
    }
  }
  return result;
}

function oneOf<T extends string>(
  annotation: string,
  allowed: readonly T[],
  value: string | undefined,
): T | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = value.trim().toLocaleLowerCase('en-US');
  if (!(allowed as readonly string[]).includes(text)) {
    throw new AnnotationParseError(
      `Invalid ${annotation} "${value}": expected one of ${allowed.join(', ')}`,
    );
  }
  return text as T;
}

/** Parses {@link ANNOTATION_MAX_MODEL_TIER}; throws {@link AnnotationParseError} naming it. @public */
export function parseMaxModelTierAnnotation(
  value: string | undefined,
): ModelTier | undefined {
  return oneOf(ANNOTATION_MAX_MODEL_TIER, MODEL_TIERS, value);
}

/** Parses {@link ANNOTATION_BUDGET_ENFORCEMENT}; throws {@link AnnotationParseError} naming it. @public */
export function parseBudgetEnforcementAnnotation(
  value: string | undefined,
): BudgetEnforcement | undefined {
  return oneOf(ANNOTATION_BUDGET_ENFORCEMENT, BUDGET_ENFORCEMENTS, value);
}

/**
 * Parses {@link ANNOTATION_ALLOWED_MODELS} into lower-case globs. Throws
 * {@link AnnotationParseError} for an item with characters a model name
 * cannot have.
 * @public
 */
export function parseAllowedModelsAnnotation(
  value: string | undefined,
): string[] {
  return parseListAnnotation(value).map(item => {
    if (!/^[A-Za-z0-9*._:/@-]+$/.test(item)) {
      throw new AnnotationParseError(
        `Invalid ${ANNOTATION_ALLOWED_MODELS} item "${item}": expected a model name or glob such as "claude-haiku*"`,
      );
    }
    return item.toLocaleLowerCase('en-US');
  });
}
