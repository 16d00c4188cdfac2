import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { SourceInfo } from '@ai-cost/plugin-ai-cost-common';
import type { AiCostApi } from './AiCostApi';

/**
 * Talks to the AI Cost backend through the discovery and fetch APIs, so the
 * user's Backstage token is sent along.
 * @public
 */
export class AiCostClient implements AiCostApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async listSources(): Promise<SourceInfo[]> {
    return this.request<SourceInfo[]>('sources');
  }

  async refreshSource(id: string): Promise<void> {
    await this.request(`sources/${encodeURIComponent(id)}/refresh`, {
      method: 'POST',
    });
  }

  private async request<T>(
    path: string,
    init?: RequestInit,
    query?: Record<string, string | undefined>,
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('ai-cost');
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, value);
    }
    const search = params.toString();
    const response = await this.fetchApi.fetch(
      `${baseUrl}/${path}${search ? `?${search}` : ''}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) return undefined as T;
    return (await response.json()) as T;
  }
}
