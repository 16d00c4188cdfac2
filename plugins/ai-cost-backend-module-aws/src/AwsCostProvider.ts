import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetDimensionValuesCommand,
  type GetCostAndUsageCommandInput,
  type GetDimensionValuesCommandInput,
  type GroupDefinition,
} from '@aws-sdk/client-cost-explorer';
import { addDays } from '@ai-cost/plugin-ai-cost-common';
import {
  assertUsageWindow,
  DEFAULT_CLASSIFICATION_RULES,
  isAcceleratorCompute,
  mergeUsageRecords,
  parseProviderBody,
  parseRetryAfter,
  ProviderApiError,
  type AiCostProvider,
  type ClassificationRules,
  type ProviderFetchContext,
  type UsageRecord,
  type UsageWindow,
} from '@ai-cost/plugin-ai-cost-node';
import type {
  AwsCredentialProvider,
  AwsCredentialsManager,
} from '@backstage/integration-aws-node';
import {
  AWS_PROVIDER,
  BEDROCK_SERVICE,
  GPU_COMPUTE_SERVICES,
  normalizeGpuResults,
  normalizeResults,
  type Grouping,
} from './normalize';
import {
  getCostAndUsageOutputSchema,
  getDimensionValuesOutputSchema,
  type CostAndUsagePage,
} from './schemas';

/** Cost metrics Cost Explorer can report. @public */
export const AWS_COST_METRICS = [
  'UnblendedCost',
  'AmortizedCost',
  'NetUnblendedCost',
  'NetAmortizedCost',
  'BlendedCost',
] as const;

/** @public */
export type AwsCostMetric = (typeof AWS_COST_METRICS)[number];

/** Retry behaviour around each Cost Explorer request. @public */
export interface AwsRetryOptions {
  /** Retries after throttling, 5xx and network errors. Default 5. */
  maxRetries?: number;
  /** First backoff; doubles each retry. Default 1 s. */
  initialBackoffMs?: number;
  /** Cap on one backoff. Default 30 s. */
  maxBackoffMs?: number;
  /** A Retry-After longer than this fails the request instead. Default 5 min. */
  maxRetryAfterMs?: number;
  /** Injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** @public */
export interface AwsCostProviderOptions {
  /** Source id, unique across all providers, e.g. `aws-main`. */
  id: string;
  /** Region of the Cost Explorer endpoint: `us-east-1` (or `cn-northwest-1` in China). */
  region: string;
  /** Where credentials come from, normally `DefaultAwsCredentialsManager.fromConfig(config)`. */
  credentialsManager: AwsCredentialsManager;
  /**
   * The account whose credentials are used (as configured under
   * `aws.accounts`), normally the management (payer) account; default: the
   * main account.
   */
  accountId?: string;
  /** Default `UnblendedCost`. */
  metric?: AwsCostMetric;
  /** Group by this cost allocation tag instead of by linked account. */
  tagKey?: string;
  /**
   * SERVICE values to read. Default: every service whose name contains
   * "Bedrock", found with GetDimensionValues on each run: `Amazon Bedrock`
   * and the Marketplace `<Model> (Amazon Bedrock Edition)` services.
   */
  services?: string[];
  /** Tokens per unit of UsageQuantity for token usage types. Default 1000. */
  tokensPerUsageUnit?: number;
  /**
   * Also read GPU compute (self-hosted AI): one more query per run for
   * EC2 and SageMaker spend by instance type, keeping the GPU, Trainium and
   * Inferentia families as `self-hosted` records. Default false.
   */
  gpuCompute?: boolean;
  /**
   * Which instance types are GPU / accelerator compute
   * (`acceleratorPatterns`); normally `readClassificationRules(config)`.
   * Default: the shipped rules.
   */
  classificationRules?: ClassificationRules;
  /** Cost Explorer endpoint override (a proxy or a test double). */
  endpoint?: string;
  /** Reporting currency (`aiCost.currency`). Default `USD`. */
  currency?: string;
  retry?: AwsRetryOptions;
}

type SdkCredentials = Awaited<
  ReturnType<AwsCredentialProvider['sdkCredentialProvider']>
>;

const THROTTLING = new Set([
  'LimitExceededException',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'RequestLimitExceeded',
]);

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new ProviderApiError('Request aborted'));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    function onAbort() {
      clearTimeout(timer);
      reject(new ProviderApiError('Request aborted'));
    }
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

interface SdkError extends Error {
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

/**
 * Amazon Bedrock spend from AWS Cost Explorer (`GetCostAndUsage`) as an AI
 * Cost billing source: daily, per service, usage type and linked account
 * (or cost allocation tag), through the official SDK; with `gpuCompute`, also
 * EC2 and SageMaker GPU instances, per instance type.
 * @public
 */
export class AwsCostProvider implements AiCostProvider {
  readonly provider = AWS_PROVIDER;
  readonly id: string;
  readonly #options: AwsCostProviderOptions;
  readonly #currency: string;
  readonly #metric: AwsCostMetric;
  /** Secrets seen while signing, redacted from every error. */
  readonly #secrets = new Set<string>();
  #client?: Promise<CostExplorerClient>;

  constructor(options: AwsCostProviderOptions) {
    this.id = options.id;
    this.#options = options;
    this.#currency = (options.currency ?? 'USD').toUpperCase();
    this.#metric = options.metric ?? 'UnblendedCost';
  }

  async fetchUsage(
    window: UsageWindow,
    context: ProviderFetchContext,
  ): Promise<UsageRecord[]> {
    assertUsageWindow(window, `AWS source "${this.id}"`);
    const { logger, signal } = context;
    // End is exclusive in Cost Explorer; `to` is inclusive here.
    const timePeriod = { Start: window.from, End: addDays(window.to, 1) };
    const client = await this.#getClient();

    const grouping: Grouping = this.#options.tagKey
      ? { kind: 'tag', tagKey: this.#options.tagKey }
      : { kind: 'account' };
    const secondGroup: GroupDefinition =
      grouping.kind === 'tag'
        ? { Type: 'TAG', Key: grouping.tagKey }
        : { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' };
    const endpoint = 'AWS Cost Explorer GetCostAndUsage';

    const services =
      this.#options.services ??
      (await this.#discoverServices(client, timePeriod, signal));
    if (services.length === 0) {
      logger.debug(
        `AWS source "${this.id}": no Bedrock service has costs in ${window.from}..${window.to}`,
      );
    }

    const records: UsageRecord[] = [];
    const estimated = new Set<string>();
    const outside = new Set<string>();
    // One query per service: Marketplace usage types do not name the model,
    // the service does, and Cost Explorer allows only two GroupBys.
    for (const service of services) {
      await this.#readPages(
        client,
        {
          TimePeriod: timePeriod,
          Granularity: 'DAILY',
          Metrics: [this.#metric, 'UsageQuantity'],
          Filter: { Dimensions: { Key: 'SERVICE', Values: [service] } },
          GroupBy: [{ Type: 'DIMENSION', Key: 'USAGE_TYPE' }, secondGroup],
        },
        `service "${service}"`,
        signal,
        page => {
          const result = normalizeResults(page.ResultsByTime, {
            service,
            grouping,
            metric: this.#metric,
            currency: this.#currency,
            tokensPerUnit: this.#options.tokensPerUsageUnit ?? 1000,
            window,
            endpoint,
          });
          records.push(...result.records);
          result.estimatedDays.forEach(d => estimated.add(d));
          result.outsideDays.forEach(d => outside.add(d));
        },
      );
    }

    // GPU compute: EC2 and SageMaker spend by instance type, of which only
    // GPU / accelerator families count (self-hosted models). A service
    // already read above is not read twice.
    const gpuServices = GPU_COMPUTE_SERVICES.filter(s => !services.includes(s));
    if (this.#options.gpuCompute && gpuServices.length > 0) {
      const rules =
        this.#options.classificationRules ?? DEFAULT_CLASSIFICATION_RULES;
      const skipped = new Set<string>();
      let gpuRecords = 0;
      await this.#readPages(
        client,
        {
          TimePeriod: timePeriod,
          Granularity: 'DAILY',
          Metrics: [this.#metric],
          Filter: { Dimensions: { Key: 'SERVICE', Values: gpuServices } },
          GroupBy: [{ Type: 'DIMENSION', Key: 'INSTANCE_TYPE' }, secondGroup],
        },
        'GPU compute',
        signal,
        page => {
          const result = normalizeGpuResults(page.ResultsByTime, {
            grouping,
            metric: this.#metric,
            currency: this.#currency,
            window,
            endpoint: `${endpoint} (GPU compute)`,
            isAccelerator: instanceType =>
              isAcceleratorCompute(instanceType, rules),
          });
          records.push(...result.records);
          gpuRecords += result.records.length;
          result.skippedInstanceTypes.forEach(t => skipped.add(t));
          result.estimatedDays.forEach(d => estimated.add(d));
          result.outsideDays.forEach(d => outside.add(d));
        },
      );
      logger.debug(
        `AWS source "${
          this.id
        }": ${gpuRecords} GPU compute group(s) of ${gpuServices.join(', ')}; ${
          skipped.size
        } other instance type(s) left out`,
      );
    }

    if (outside.size > 0) {
      logger.warn(
        `AWS source "${this.id}": Cost Explorer returned days outside ${
          window.from
        }..${window.to}; ignored: ${[...outside].sort().join(', ')}`,
      );
    }
    if (estimated.size > 0) {
      // Provisional until AWS finalizes the bill; the trailing window is
      // re-read on every run, so these days are replaced when they settle.
      logger.debug(
        `AWS source "${this.id}": ${
          estimated.size
        } day(s) still estimated by Cost Explorer: ${[...estimated]
          .sort()
          .join(', ')}`,
      );
    }
    return mergeUsageRecords(records);
  }

  /**
   * Sends one GetCostAndUsage query and every further page of it (the same
   * request with `NextPageToken`), handing each validated page to `onPage`.
   */
  async #readPages(
    client: CostExplorerClient,
    input: GetCostAndUsageCommandInput,
    what: string,
    signal: AbortSignal | undefined,
    onPage: (page: CostAndUsagePage) => void,
  ): Promise<void> {
    const endpoint = 'AWS Cost Explorer GetCostAndUsage';
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const pageInput: GetCostAndUsageCommandInput = token
        ? { ...input, NextPageToken: token }
        : input;
      const raw = await this.#send(
        client,
        'GetCostAndUsage',
        () => new GetCostAndUsageCommand(pageInput),
        signal,
      );
      const page = parseProviderBody(
        getCostAndUsageOutputSchema,
        raw,
        endpoint,
      );
      onPage(page);
      token = page.NextPageToken ?? undefined;
      if (token && seen.has(token)) {
        throw new ProviderApiError(
          `${endpoint}: NextPageToken repeated for ${what}; stopping instead of looping`,
        );
      }
      if (token) seen.add(token);
    } while (token);
  }

  /** Every SERVICE value with "Bedrock" in its name that has costs in the period. */
  async #discoverServices(
    client: CostExplorerClient,
    timePeriod: { Start: string; End: string },
    signal?: AbortSignal,
  ): Promise<string[]> {
    const endpoint = 'AWS Cost Explorer GetDimensionValues';
    const services = new Set<string>();
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const pageInput: GetDimensionValuesCommandInput = {
        TimePeriod: timePeriod,
        Dimension: 'SERVICE',
        Context: 'COST_AND_USAGE',
        SearchString: 'Bedrock',
        ...(token ? { NextPageToken: token } : {}),
      };
      const raw = await this.#send(
        client,
        'GetDimensionValues',
        () => new GetDimensionValuesCommand(pageInput),
        signal,
      );
      const page = parseProviderBody(
        getDimensionValuesOutputSchema,
        raw,
        endpoint,
      );
      for (const { Value } of page.DimensionValues) {
        if (/bedrock/i.test(Value)) services.add(Value);
      }
      token = page.NextPageToken ?? undefined;
      if (token && seen.has(token)) {
        throw new ProviderApiError(
          `${endpoint}: NextPageToken repeated; stopping instead of looping`,
        );
      }
      if (token) seen.add(token);
    } while (token);
    // First-party first, then Marketplace editions, alphabetically.
    const sorted = [...services].filter(s => s !== BEDROCK_SERVICE).sort();
    return services.has(BEDROCK_SERVICE)
      ? [BEDROCK_SERVICE, ...sorted]
      : sorted;
  }

  #getClient(): Promise<CostExplorerClient> {
    if (!this.#client) {
      this.#client = this.#createClient();
      // A failure (e.g. no such account configured) is retried next run.
      this.#client.catch(() => {
        this.#client = undefined;
      });
    }
    return this.#client;
  }

  async #createClient(): Promise<CostExplorerClient> {
    let credentials: AwsCredentialProvider;
    try {
      credentials =
        await this.#options.credentialsManager.getCredentialProvider(
          this.#options.accountId ? { accountId: this.#options.accountId } : {},
        );
    } catch (error) {
      throw new ProviderApiError(
        this.#redact(
          `AWS source "${this.id}": no credentials for ${
            this.#options.accountId
              ? `account ${this.#options.accountId}`
              : 'the main account'
          } (configure aws.mainAccount or aws.accounts): ${
            (error as Error).message
          }`,
        ),
      );
    }
    const provider = credentials.sdkCredentialProvider;
    return new CostExplorerClient({
      region: this.#options.region,
      ...(this.#options.endpoint ? { endpoint: this.#options.endpoint } : {}),
      // Retries happen around each send, honouring Retry-After.
      maxAttempts: 1,
      credentials: async (): Promise<SdkCredentials> => {
        const resolved = await provider();
        // Remember what signs requests, so no error can echo it.
        this.#secrets.add(resolved.secretAccessKey);
        if (resolved.sessionToken) this.#secrets.add(resolved.sessionToken);
        return resolved;
      },
    });
  }

  #redact(text: string): string {
    return [...this.#secrets]
      .filter(secret => secret.length >= 8)
      .sort((a, b) => b.length - a.length)
      .reduce(
        (result, secret) => result.split(secret).join('[redacted]'),
        text,
      );
  }

  /**
   * Sends one command, retrying throttling (LimitExceededException, 429),
   * 5xx and network errors with bounded exponential backoff, or as long as
   * `Retry-After` / `x-amz-retry-after` says.
   */
  async #send(
    client: CostExplorerClient,
    operation: string,
    command: () => GetCostAndUsageCommand | GetDimensionValuesCommand,
    signal?: AbortSignal,
  ): Promise<unknown> {
    const retry = this.#options.retry ?? {};
    const maxRetries = retry.maxRetries ?? 5;
    const initial = retry.initialBackoffMs ?? 1000;
    const maxBackoff = retry.maxBackoffMs ?? 30_000;
    const maxRetryAfter = retry.maxRetryAfterMs ?? 300_000;
    const sleep = retry.sleep ?? defaultSleep;
    const endpoint = `AWS Cost Explorer ${operation}`;

    for (let attempt = 0; ; attempt++) {
      try {
        return await client.send(command() as any, { abortSignal: signal });
      } catch (caught) {
        const error = caught as SdkError;
        if (signal?.aborted) {
          throw new ProviderApiError(`${endpoint}: aborted`);
        }
        const status = error.$metadata?.httpStatusCode;
        const throttled = THROTTLING.has(error.name) || status === 429;
        const network = status === undefined && !/Credential/i.test(error.name);
        const retriable =
          throttled || (status !== undefined && status >= 500) || network;
        const describe = `${error.name}: ${error.message}`;
        if (!retriable || attempt >= maxRetries) {
          const tries = retriable ? ` after ${attempt + 1} attempts` : '';
          let what = `${endpoint} answered ${status}${tries}: ${describe}`;
          if (status === undefined) {
            what = `${endpoint}: request failed${tries}: ${describe}`;
          } else if (status < 300) {
            // The SDK could not deserialize a successful answer.
            what = `${endpoint}: unreadable response (HTTP ${status}): ${describe}`;
          }
          throw new ProviderApiError(this.#redact(what), status);
        }
        let wait = Math.min(maxBackoff, initial * 2 ** attempt);
        if (throttled) {
          const headers = error.$response?.headers ?? {};
          const header = (name: string) =>
            Object.entries(headers).find(
              ([key]) => key.toLowerCase() === name,
            )?.[1];
          const amzMs = Number(header('x-amz-retry-after'));
          const retryAfter =
            parseRetryAfter(header('retry-after') ?? null) ??
            (Number.isFinite(amzMs) && amzMs > 0 ? amzMs : undefined);
          if (retryAfter !== undefined) {
            if (retryAfter > maxRetryAfter) {
              throw new ProviderApiError(
                this.#redact(
                  `${endpoint} is throttled for ${Math.round(
                    retryAfter / 1000,
                  )}s, longer than the ${Math.round(
                    maxRetryAfter / 1000,
                  )}s this source waits: ${describe}`,
                ),
                status,
              );
            }
            wait = retryAfter;
          }
        }
        await sleep(wait, signal);
      }
    }
  }
}
