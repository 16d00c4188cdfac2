import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';

/**
 * What the actions need to call the AI Cost backend.
 * @public
 */
export interface AiCostApiDeps {
  /** Finds the AI Cost backend (`ai-cost`). */
  discovery: DiscoveryService;
  /** Issues tokens on behalf of the user who started the task. */
  auth: AuthService;
}

/**
 * Calls the AI Cost backend (`/api/ai-cost`) on behalf of the user who
 * started the task, so the backend applies that user's permissions and
 * records them as the requester. A refusal (400, 403, 404, 409) is thrown as
 * a `ResponseError` whose message is the backend's.
 */
export async function callAiCost<T>(
  deps: AiCostApiDeps,
  options: {
    credentials: BackstageCredentials;
    method: 'POST' | 'PUT';
    path: string;
    body: unknown;
  },
): Promise<T> {
  const { token } = await deps.auth.getPluginRequestToken({
    onBehalfOf: options.credentials,
    targetPluginId: 'ai-cost',
  });
  const baseUrl = await deps.discovery.getBaseUrl('ai-cost');
  const response = await fetch(`${baseUrl}${options.path}`, {
    method: options.method,
    headers: {
      'Content-Type': 'application/json',
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(options.body),
  });
  if (!response.ok) {
    const error = await ResponseError.fromResponse(response);
    // The step log shows the message: say what AI Cost said, not just the status.
    error.message = `AI Cost refused ${options.method} ${options.path} (${response.status}): ${error.body.error.message}`;
    throw error;
  }
  return (await response.json()) as T;
}

/** The entity page's AI Cost tab of `entityRef`, e.g. `/catalog/default/component/x/ai-cost`. */
export function aiCostTabPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/ai-cost`;
}
