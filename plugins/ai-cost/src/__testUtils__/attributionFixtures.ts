import type {
  AttributionPreviewResponse,
  AttributionValuesResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { AiCostApi } from '../api';
import { makeFakeApi } from './fixtures';

/** `GET /attribution/values`: a claimed, an unclaimed, a conflicting and an unclaimable value. */
export function makeAttributionValues(
  overrides: Partial<AttributionValuesResponse> = {},
): AttributionValuesResponse {
  return {
    currency: 'USD',
    from: '2026-08-25',
    to: '2026-11-22',
    truncated: false,
    items: [
      {
        provider: 'openai',
        dimension: 'projectId',
        value: 'proj_search',
        cost: 2345.678,
        lastSeen: '2026-11-22',
        claimedBy: ['component:default/search-api'],
        snippet: 'ai-cost/openai-project-id: "proj_search"',
      },
      {
        provider: 'openai',
        dimension: 'projectId',
        value: 'proj_experiments',
        cost: 1234.5,
        lastSeen: '2026-11-21',
        claimedBy: [],
        snippet: 'ai-cost/openai-project-id: "proj_experiments"',
      },
      {
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_shared_eval',
        cost: 321.004,
        lastSeen: '2026-11-20',
        claimedBy: [
          'component:default/query-rewriter',
          'component:default/ticket-summarizer',
        ],
        snippet: 'ai-cost/openai-api-key-id: "key_shared_eval"',
      },
      {
        provider: 'anthropic',
        dimension: 'tag',
        value: 'environment=dev',
        cost: 0.0042,
        lastSeen: '2026-10-02',
        claimedBy: [],
        snippet: null,
      },
    ],
    ...overrides,
  };
}

/** `POST /attribution/preview` of a component claiming proj_experiments and the shared key. */
export function makeAttributionPreview(
  overrides: Partial<AttributionPreviewResponse> = {},
): AttributionPreviewResponse {
  return {
    entityRef: 'component:default/sandbox',
    currency: 'USD',
    from: '2026-10-24',
    to: '2026-11-22',
    claims: [
      {
        annotation: 'ai-cost/openai-project-id',
        provider: 'openai',
        dimension: 'projectId',
        value: 'proj_experiments',
        cost: 456.789,
        lastSeen: '2026-11-21',
        conflictsWith: [],
      },
      {
        annotation: 'ai-cost/openai-api-key-id',
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_shared_eval',
        cost: 98.7,
        lastSeen: '2026-11-20',
        conflictsWith: ['component:default/query-rewriter'],
      },
    ],
    problems: [
      {
        annotation: 'ai-cost/anthropic-workspace-id',
        message: 'still holds the placeholder <anthropic-workspace-id>',
      },
    ],
    ...overrides,
  };
}

/** The fake API with answers for the billed values page and the preview dialog. */
export function makeAttributionApi(
  overrides: Partial<Record<keyof AiCostApi, jest.Mock>> = {},
): jest.Mocked<AiCostApi> {
  return makeFakeApi({
    getAttributionValues: jest
      .fn()
      .mockImplementation(async () => makeAttributionValues()),
    previewAttribution: jest
      .fn()
      .mockImplementation(async () => makeAttributionPreview()),
    ...overrides,
  });
}
