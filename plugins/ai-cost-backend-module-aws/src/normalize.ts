import {
  addDays,
  microsFromDecimalString,
} from '@ai-cost/plugin-ai-cost-common';
import {
  ProviderApiError,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type { CostGroup, ResultByTime } from './schemas';

/** Provider kind of every record. */
export const AWS_PROVIDER = 'aws';

/** The first-party Bedrock service in Cost Explorer's SERVICE dimension. */
export const BEDROCK_SERVICE = 'Amazon Bedrock';

/**
 * The SERVICE values whose spend by INSTANCE_TYPE is read for GPU compute:
 * EC2 instances (not EBS, data transfer or other EC2 lines) and SageMaker
 * (`ml.` instance types).
 */
export const GPU_COMPUTE_SERVICES = [
  'Amazon Elastic Compute Cloud - Compute',
  'Amazon SageMaker',
];

const MARKETPLACE_EDITION = /^(.*?)\s*\(Amazon Bedrock Edition\)\s*$/i;

/** Which of the four Bedrock token types a usage type bills. */
export type TokenType = 'input' | 'output' | 'cacheRead' | 'cacheWrite';

/** What a usage type (and the service it is billed under) says. */
export interface UsageTypeInfo {
  model: string | null;
  tokenType: TokenType | null;
  region: string | null;
  serviceTier: string | null;
}

/**
 * Region codes that prefix usage types (`USE1-…`), for the common regions.
 * An unknown prefix leaves the record's region null.
 */
const REGION_CODES: Record<string, string> = {
  USE1: 'us-east-1',
  USE2: 'us-east-2',
  USW1: 'us-west-1',
  USW2: 'us-west-2',
  UGW1: 'us-gov-west-1',
  UGE1: 'us-gov-east-1',
  CAN1: 'ca-central-1',
  SAE1: 'sa-east-1',
  EU: 'eu-west-1',
  EUW1: 'eu-west-1',
  EUW2: 'eu-west-2',
  EUW3: 'eu-west-3',
  EUC1: 'eu-central-1',
  EUC2: 'eu-central-2',
  EUN1: 'eu-north-1',
  EUS1: 'eu-south-1',
  EUS2: 'eu-south-2',
  APN1: 'ap-northeast-1',
  APN2: 'ap-northeast-2',
  APN3: 'ap-northeast-3',
  APS1: 'ap-southeast-1',
  APS2: 'ap-southeast-2',
  APS3: 'ap-south-1',
  APS4: 'ap-southeast-3',
  APS5: 'ap-south-2',
  APS6: 'ap-southeast-4',
  APE1: 'ap-east-1',
  MES1: 'me-south-1',
  MEC1: 'me-central-1',
  AFS1: 'af-south-1',
  ILC1: 'il-central-1',
};

const SERVICE_TIERS = new Set([
  'standard',
  'batch',
  'flex',
  'priority',
  'provisioned',
]);

/**
 * Bedrock's first-party token usage types (AWS "Understanding your Amazon
 * Bedrock Cost and Usage Report data"): `*-input-tokens`,
 * `*-mantle-input-tokens-*`, `*-output-tokens`, `*-mantle-output-tokens-*`,
 * `*-cache-read-input-token-count`, `*-cache-write-input-token-count`; the
 * model is what precedes the suffix, a service tier may follow it.
 */
const FIRST_PARTY: Array<[RegExp, TokenType]> = [
  [/^(.+?)-cache-read-input-token-count(?:-(.+))?$/i, 'cacheRead'],
  [/^(.+?)-cache-write-input-token-count(?:-(.+))?$/i, 'cacheWrite'],
  [/^(.+?)-(?:mantle-)?input-tokens?(?:-(.+))?$/i, 'input'],
  [/^(.+?)-(?:mantle-)?output-tokens?(?:-(.+))?$/i, 'output'],
];

/** Marketplace usage types such as `USW2-MP:USW2_InputTokenCount-Units`. */
function marketplaceTokenType(detail: string): TokenType | null {
  const text = detail.toLowerCase();
  if (/cache[\s_-]?read/.test(text)) return 'cacheRead';
  if (/cache[\s_-]?write/.test(text)) return 'cacheWrite';
  if (/input/.test(text)) return 'input';
  if (/output/.test(text)) return 'output';
  return null;
}

/**
 * Derives model, token type, region and service tier from a usage type and
 * its service.
 *
 * - Third-party models sold through AWS Marketplace are billed under a
 *   service named `<Model> (Amazon Bedrock Edition)` with usage types that do
 *   not name the model (`USW2-MP:USW2_InputTokenCount-Units`): the model is
 *   the service name without the suffix, e.g. `Claude 3 Haiku`.
 * - First-party usage types name the model:
 *   `USE1-Claude4.6Sonnet-input-tokens` → `Claude4.6Sonnet`, input.
 *
 * Anything else (provisioned throughput, agents, knowledge bases, …) keeps
 * a null model and token type; its cost is still ingested.
 */
export function parseUsageType(
  service: string,
  usageType: string,
): UsageTypeInfo {
  const prefix = /^([A-Z]{2,4}\d{0,2})-(.+)$/.exec(usageType);
  const region = prefix ? REGION_CODES[prefix[1]] ?? null : null;
  const rest = prefix ? prefix[2] : usageType;

  const marketplace = MARKETPLACE_EDITION.exec(service);
  if (marketplace || /^MP:/i.test(rest)) {
    const detail = rest.replace(/^MP:/i, '');
    const tier = /_(standard|batch|flex|priority)[_-]/i.exec(detail);
    return {
      model: marketplace ? marketplace[1] : null,
      tokenType: marketplaceTokenType(detail),
      region,
      serviceTier: tier ? tier[1].toLowerCase() : null,
    };
  }

  for (const [pattern, tokenType] of FIRST_PARTY) {
    const match = pattern.exec(rest);
    if (match) {
      const suffix = match[2]?.toLowerCase();
      return {
        model: match[1],
        tokenType,
        region,
        serviceTier: suffix && SERVICE_TIERS.has(suffix) ? suffix : null,
      };
    }
  }
  return { model: null, tokenType: null, region, serviceTier: null };
}

/**
 * `UsageQuantity` (a decimal string) in tokens: the quantity times
 * `tokensPerUnit`, rounded to a whole token, in integer arithmetic.
 */
export function tokensFromQuantity(
  quantity: string,
  tokensPerUnit: number,
): number {
  const micros = BigInt(microsFromDecimalString(quantity));
  const scaled = micros * BigInt(tokensPerUnit);
  const whole = scaled / 1_000_000n;
  const remainder = scaled % 1_000_000n;
  const rounded = remainder * 2n >= 1_000_000n ? whole + 1n : whole;
  const tokens = Number(rounded);
  // Credits and refunds can make quantities negative; tokens never are.
  return tokens > 0 ? tokens : 0;
}

/** How one Cost Explorer query was grouped. */
export type Grouping = { kind: 'account' } | { kind: 'tag'; tagKey: string };

export interface NormalizeOptions {
  service: string;
  grouping: Grouping;
  /** Cost metric asked for, e.g. `UnblendedCost`. */
  metric: string;
  currency: string;
  tokensPerUnit: number;
  window: UsageWindow;
  /** Names the query in errors. */
  endpoint: string;
}

/** Outcome of normalizing one query's results. */
export interface NormalizedResults {
  records: UsageRecord[];
  /** Days Cost Explorer marked `Estimated: true`. */
  estimatedDays: string[];
  /** Days returned outside the window (ignored). */
  outsideDays: string[];
}

function amountOf(
  metrics: Record<string, { Amount: string; Unit?: string }>,
  name: string,
  where: string,
): { Amount: string; Unit?: string } {
  const value = metrics[name];
  if (!value) {
    throw new ProviderApiError(`${where}.Metrics.${name}: Required`);
  }
  return value;
}

/** One group of one day, with the parts every query reads the same way. */
interface ReadGroup {
  date: string;
  /** The first group key: usage type or instance type. */
  key: string;
  /** Cost in micro-units of `currency`. */
  cost: number;
  /** The billed currency (upper-cased ISO 4217 code). */
  currency: string;
  accountId: string | null;
  tags: Record<string, string> | null;
  metrics: CostGroup['Metrics'];
  /** Names the group in errors. */
  where: string;
}

/**
 * Walks the groups of daily results grouped by `<firstKey>` and linked
 * account (or a cost allocation tag): checks each day is one day, sets aside
 * days outside the window, reads the cost (a decimal string, to micro-units
 * without floating point, with its billed currency) and the account or
 * tag value.
 */
function readGroups(
  results: readonly ResultByTime[],
  options: Omit<NormalizeOptions, 'service' | 'tokensPerUnit'>,
  firstKey: string,
): { groups: ReadGroup[]; estimatedDays: string[]; outsideDays: string[] } {
  const { grouping, metric, currency, endpoint, window } = options;
  const groups: ReadGroup[] = [];
  const estimatedDays: string[] = [];
  const outsideDays: string[] = [];

  results.forEach((result, r) => {
    const date = result.TimePeriod.Start;
    // Queries ask for DAILY granularity: a longer period (a MONTHLY answer)
    // would put all of its cost on its first day.
    if (result.TimePeriod.End !== addDays(date, 1)) {
      throw new ProviderApiError(
        `${endpoint}: unexpected response: ResultsByTime.${r}.TimePeriod ${date}..${result.TimePeriod.End} is not one day; DAILY granularity was requested`,
      );
    }
    if (date < window.from || date > window.to) {
      outsideDays.push(date);
      return;
    }
    if (result.Estimated) estimatedDays.push(date);

    result.Groups.forEach((group, g) => {
      const where = `${endpoint}: unexpected response: ResultsByTime.${r}.Groups.${g}`;
      if (group.Keys.length !== 2) {
        throw new ProviderApiError(
          `${where}.Keys: expected 2 keys (${firstKey} and ${
            grouping.kind === 'tag' ? 'tag' : 'linked account'
          }), got ${group.Keys.length}`,
        );
      }
      const [key, second] = group.Keys;
      const costValue = amountOf(group.Metrics, metric, where);
      // Another currency than aiCost.currency is converted by the backend at
      // the usage day's rate (DESIGN §9.3).
      const groupCurrency = costValue.Unit
        ? costValue.Unit.toUpperCase()
        : currency;
      if (!/^[A-Z]{3}$/.test(groupCurrency)) {
        throw new ProviderApiError(
          `${where}.Metrics.${metric}.Unit: "${costValue.Unit}" on ${date} is not an ISO 4217 currency code`,
        );
      }
      let cost: number;
      try {
        cost = microsFromDecimalString(costValue.Amount);
      } catch (error) {
        throw new ProviderApiError(
          `${where}.Metrics.${metric}.Amount: ${(error as Error).message}`,
        );
      }

      let accountId: string | null = null;
      let tags: Record<string, string> | null = null;
      if (grouping.kind === 'account') {
        accountId = second || null;
      } else {
        // Tag groups read `key$value`; untagged spend is `key$`.
        const at = second.indexOf('$');
        const value = at < 0 ? second : second.slice(at + 1);
        tags = value ? { [grouping.tagKey]: value } : null;
      }
      groups.push({
        date,
        key,
        cost,
        currency: groupCurrency,
        accountId,
        tags,
        metrics: group.Metrics,
        where,
      });
    });
  });
  return { groups, estimatedDays, outsideDays };
}

/**
 * Turns Cost Explorer groups (grouped by USAGE_TYPE and LINKED_ACCOUNT, or
 * USAGE_TYPE and a cost allocation tag) into billed usage records. Dollars
 * are decimal strings, converted to micro-units without floating point.
 */
export function normalizeResults(
  results: readonly ResultByTime[],
  options: NormalizeOptions,
): NormalizedResults {
  const { service } = options;
  const { groups, estimatedDays, outsideDays } = readGroups(
    results,
    options,
    'usage type',
  );
  const records: UsageRecord[] = [];
  for (const group of groups) {
    const { date, key: usageType, cost, where } = group;
    const info = parseUsageType(service, usageType);
    const quantity = group.metrics.UsageQuantity?.Amount;
    let tokens = 0;
    if (quantity !== undefined && info.tokenType) {
      try {
        tokens = tokensFromQuantity(quantity, options.tokensPerUnit);
      } catch (error) {
        throw new ProviderApiError(
          `${where}.Metrics.UsageQuantity.Amount: ${(error as Error).message}`,
        );
      }
    }
    if (cost === 0 && tokens === 0) continue;

    records.push({
      date,
      accountId: group.accountId,
      tags: group.tags,
      region: info.region,
      serviceTier: info.serviceTier,
      model: info.model,
      lineItem: usageType,
      inputTokens: info.tokenType === 'input' ? tokens : 0,
      cachedInputTokens: info.tokenType === 'cacheRead' ? tokens : 0,
      cacheWriteTokens: info.tokenType === 'cacheWrite' ? tokens : 0,
      outputTokens: info.tokenType === 'output' ? tokens : 0,
      cost,
      currency: group.currency,
      costKind: 'billed',
    });
  }
  return { records, estimatedDays, outsideDays };
}

/** Outcome of normalizing the GPU compute query's results. */
export interface NormalizedGpuResults extends NormalizedResults {
  /** Instance types read and left out as not GPU / accelerator compute. */
  skippedInstanceTypes: string[];
}

/**
 * Turns Cost Explorer groups of EC2 and SageMaker spend (grouped by
 * INSTANCE_TYPE and LINKED_ACCOUNT, or INSTANCE_TYPE and a cost allocation
 * tag) into `self-hosted` records: only instance types `isAccelerator` takes
 * (GPU, Trainium and Inferentia families such as `p4d.24xlarge`,
 * `ml.g5.2xlarge`), with the instance type as line item, no model and no
 * tokens.
 */
export function normalizeGpuResults(
  results: readonly ResultByTime[],
  options: Omit<NormalizeOptions, 'service' | 'tokensPerUnit'> & {
    isAccelerator: (instanceType: string) => boolean;
  },
): NormalizedGpuResults {
  const { groups, estimatedDays, outsideDays } = readGroups(
    results,
    options,
    'instance type',
  );
  const records: UsageRecord[] = [];
  const skipped = new Set<string>();
  for (const group of groups) {
    if (!options.isAccelerator(group.key)) {
      skipped.add(group.key);
      continue;
    }
    if (group.cost === 0) continue;
    records.push({
      date: group.date,
      accountId: group.accountId,
      tags: group.tags,
      model: null,
      lineItem: group.key,
      category: 'self-hosted',
      cost: group.cost,
      currency: group.currency,
      costKind: 'billed',
    });
  }
  return {
    records,
    estimatedDays,
    outsideDays,
    skippedInstanceTypes: [...skipped].sort(),
  };
}
