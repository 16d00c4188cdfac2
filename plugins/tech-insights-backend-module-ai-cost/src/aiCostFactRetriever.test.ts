import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { aiCostFactRetriever } from './aiCostFactRetriever';

const BASE_URL = 'http://ai-cost.test/api/ai-cost';

function context() {
  return {
    config: new ConfigReader({}),
    discovery: {
      getBaseUrl: async (pluginId: string) =>
        `http://${pluginId}.test/api/${pluginId}`,
      getExternalBaseUrl: async (pluginId: string) =>
        `http://${pluginId}.test/api/${pluginId}`,
    },
    logger: mockServices.logger.mock(),
    auth: mockServices.auth({ pluginId: 'tech-insights' }),
    urlReader: mockServices.urlReader.mock(),
  };
}

describe('aiCostFactRetriever', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it('reads every entity from /insights/facts with a service token for ai-cost', async () => {
    const authorizations: Array<string | null> = [];
    server.use(
      http.get(`${BASE_URL}/insights/facts`, ({ request }) => {
        authorizations.push(request.headers.get('authorization'));
        return HttpResponse.json({
          currency: 'USD',
          entities: [
            {
              entityRef: 'component:default/search-api',
              hasClaims: true,
              monthToDateSpend: 246.5,
              budgetState: 'at-risk',
              openAnomalies: 1,
              policyViolations: 3,
            },
            {
              entityRef: 'group:platform/search-team',
              hasClaims: false,
              monthToDateSpend: 0,
              budgetState: 'none',
              openAnomalies: 0,
              policyViolations: 0,
            },
          ],
        });
      }),
    );
    expect(await aiCostFactRetriever.handler(context())).toEqual([
      {
        entity: {
          kind: 'component',
          namespace: 'default',
          name: 'search-api',
        },
        facts: {
          hasClaims: true,
          monthToDateSpend: 246.5,
          budgetState: 'at-risk',
          openAnomalies: 1,
          policyViolations: 3,
        },
      },
      {
        entity: { kind: 'group', namespace: 'platform', name: 'search-team' },
        facts: {
          hasClaims: false,
          monthToDateSpend: 0,
          budgetState: 'none',
          openAnomalies: 0,
          policyViolations: 0,
        },
      },
    ]);
    expect(authorizations).toHaveLength(1);
    const token = authorizations[0]!.replace(/^Bearer /, '');
    expect(JSON.parse(token.replace(/^mock-service-token:/, ''))).toEqual({
      sub: 'plugin:tech-insights',
      target: 'ai-cost',
    });
  });

  it('declares a schema entry for every fact it returns', () => {
    expect(Object.keys(aiCostFactRetriever.schema).sort()).toEqual([
      'budgetState',
      'hasClaims',
      'monthToDateSpend',
      'openAnomalies',
      'policyViolations',
    ]);
  });

  it('fails with the status and message of a refused request', async () => {
    server.use(
      http.get(`${BASE_URL}/insights/facts`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotAllowedError', message: 'Missing permission' },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    await expect(aiCostFactRetriever.handler(context())).rejects.toThrow(/403/);
  });
});
