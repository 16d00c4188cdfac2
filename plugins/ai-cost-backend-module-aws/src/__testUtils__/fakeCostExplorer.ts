import type { AwsCredentialsManager } from '@backstage/integration-aws-node';
import { http, HttpResponse } from 'msw';
import type { SetupServer } from 'msw/node';

/** The endpoint the SDK calls for region us-east-1. */
export const CE_URL = 'https://ce.us-east-1.amazonaws.com/';

export const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
/** Canary credentials: neither may ever appear in an error message. */
export const SECRET_ACCESS_KEY = 'canary-secret-wJalrXUtnFEMI-K7MDENG';
export const SESSION_TOKEN = 'canary-session-FwoGZXIvYXdzEJr-token';

export const BEDROCK = 'Amazon Bedrock';
export const HAIKU = 'Claude 3 Haiku (Amazon Bedrock Edition)';
export const SONNET = 'Claude 3.5 Sonnet (Amazon Bedrock Edition)';

/** A credentials manager handing out the canary credentials. */
export function fakeCredentialsManager(): AwsCredentialsManager & {
  calls: Array<{ accountId?: string } | undefined>;
} {
  const calls: Array<{ accountId?: string } | undefined> = [];
  return {
    calls,
    async getCredentialProvider(opts) {
      calls.push(opts);
      return {
        accountId: opts?.accountId,
        sdkCredentialProvider: async () => ({
          accessKeyId: ACCESS_KEY_ID,
          secretAccessKey: SECRET_ACCESS_KEY,
          sessionToken: SESSION_TOKEN,
        }),
      };
    },
  };
}

/** `{ Amount, Unit }` as Cost Explorer sends it: decimal strings. */
export const usd = (amount: string) => ({ Amount: amount, Unit: 'USD' });
export const qty = (amount: string) => ({ Amount: amount, Unit: 'N/A' });

/** A group of a USAGE_TYPE × second-key query. */
export function group(
  usageType: string,
  second: string,
  cost: string,
  quantity: string,
  metric = 'UnblendedCost',
) {
  return {
    Keys: [usageType, second],
    Metrics: { [metric]: usd(cost), UsageQuantity: qty(quantity) },
  };
}

/** The SERVICE values the GPU compute query filters on. */
export const EC2_COMPUTE = 'Amazon Elastic Compute Cloud - Compute';
export const SAGEMAKER = 'Amazon SageMaker';

/**
 * A group of an INSTANCE_TYPE × second-key query asking for the cost metric
 * only, as Cost Explorer answers it: `Keys: ["p4d.24xlarge", "111111111111"]`.
 * Usage without an instance (EBS, data transfer) has the key `NoInstanceType`.
 */
export function instanceGroup(
  instanceType: string,
  second: string,
  cost: string,
  metric = 'UnblendedCost',
) {
  return { Keys: [instanceType, second], Metrics: { [metric]: usd(cost) } };
}

/** One day of results, `Total` empty as with GroupBy. */
export function day(start: string, groups: unknown[], estimated = false) {
  const end = new Date(Date.parse(`${start}T00:00:00Z`) + 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    TimePeriod: { Start: start, End: end },
    Total: {},
    Groups: groups,
    Estimated: estimated,
  };
}

/** One request the fake Cost Explorer saw. */
export interface SeenRequest {
  target: string;
  body: any;
  authorization: string | null;
  securityToken: string | null;
}

type Answer = unknown | Response;
/** Answers a request: a JSON body (sent as x-amz-json-1.1) or a Response. */
export type Route = (request: SeenRequest, attempt: number) => Answer;

/**
 * A fake Cost Explorer on msw, speaking the JSON 1.1 protocol the SDK uses:
 * `POST /` with `X-Amz-Target: AWSInsightsIndexService.<Operation>`.
 */
export class FakeCostExplorer {
  readonly seen: SeenRequest[] = [];
  private readonly routes = new Map<string, Route>();

  constructor(server: Pick<SetupServer, 'use'>, url = CE_URL) {
    server.use(
      http.post(url, async ({ request }) => {
        const target = (request.headers.get('x-amz-target') ?? '').replace(
          'AWSInsightsIndexService.',
          '',
        );
        const seen: SeenRequest = {
          target,
          body: await request.json(),
          authorization: request.headers.get('authorization'),
          securityToken: request.headers.get('x-amz-security-token'),
        };
        const attempt = this.seen.filter(
          s => JSON.stringify(s.body) === JSON.stringify(seen.body),
        ).length;
        this.seen.push(seen);
        const route = this.routes.get(target);
        if (!route) {
          return awsError(400, 'ValidationException', `no route for ${target}`);
        }
        const answer = route(seen, attempt);
        return answer instanceof Response
          ? answer
          : HttpResponse.json(answer as any, {
              headers: { 'content-type': 'application/x-amz-json-1.1' },
            });
      }),
    );
  }

  on(operation: string, route: Route): this {
    this.routes.set(operation, route);
    return this;
  }

  /** Answers GetDimensionValues with these SERVICE values. */
  services(values: string[]): this {
    return this.on('GetDimensionValues', () => ({
      DimensionValues: values.map(Value => ({ Value, Attributes: {} })),
      ReturnSize: values.length,
      TotalSize: values.length,
    }));
  }

  /**
   * Answers GetCostAndUsage per SERVICE filter value with pages of
   * ResultsByTime, linked by NextPageToken `<service>#1`, `<service>#2`, ….
   * A filter on several services (the GPU compute query) is answered by the
   * pages of its first value.
   */
  costs(pagesByService: Record<string, unknown[][]>): this {
    return this.on('GetCostAndUsage', request => {
      const service: string = request.body.Filter.Dimensions.Values[0];
      const pages = pagesByService[service] ?? [[]];
      const token: string | undefined = request.body.NextPageToken;
      const index = token ? Number(token.split('#')[1]) : 0;
      return {
        GroupDefinitions: request.body.GroupBy,
        ResultsByTime: pages[index],
        DimensionValueAttributes: [],
        ...(index + 1 < pages.length
          ? { NextPageToken: `${service}#${index + 1}` }
          : {}),
      };
    });
  }

  requests(target: string): SeenRequest[] {
    return this.seen.filter(s => s.target === target);
  }
}

/** An error in the JSON 1.1 protocol's shape. */
export function awsError(
  status: number,
  type: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return HttpResponse.json(
    { __type: type, message },
    {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': type,
        ...headers,
      },
    },
  );
}
