import { alertApiRef, configApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  MockFetchApi,
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { aiCostApiRef, AiCostClient, type AiCostApi } from '../../api';
import {
  anomaliesPage,
  componentEntity,
  makeAnomalies,
  makeFakeApi,
  makeResponseError,
} from '../../__testUtils__/fixtures';
import { makeAlertApi } from '../../__testUtils__/permissions';
import { EntityAnomaliesCard, OrgAnomaliesCard } from './AnomaliesCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderEntityCard(
  api: AiCostApi,
  options: { limit?: number; currency?: string } = {},
) {
  const alertApi = makeAlertApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [alertApiRef, alertApi],
        [
          configApiRef,
          mockApis.config({
            data: options.currency
              ? { aiCost: { currency: options.currency } }
              : {},
          }),
        ],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityAnomaliesCard limit={options.limit} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
  return { alertApi };
}

function items() {
  return within(screen.getByRole('list', { name: 'Anomalies' })).getAllByRole(
    'listitem',
    { name: /./ },
  );
}

describe('EntityAnomaliesCard', () => {
  it('lists the anomalies of the entity and its descendants, ongoing first and closed last', async () => {
    const api = makeFakeApi();
    await renderEntityCard(api);
    expect(await screen.findByText('Recent anomalies')).toBeInTheDocument();
    await screen.findByRole('list', { name: 'Anomalies' });
    expect(api.listAnomalies).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      status: 'all',
      limit: 500,
    });
    expect(screen.getByText('1 ongoing · 3 in total')).toBeInTheDocument();
    // Nov 3 – 4 was marked "expected": closed, it goes last.
    expect(items().map(item => item.getAttribute('aria-label'))).toEqual([
      'gpt-4o (OpenAI), Ongoing since Nov 18',
      'claude-sonnet-4 (Anthropic), Oct 28',
      'Total AI spend, Nov 3 – Nov 4',
    ]);
    expect(
      within(items()[2]).getByText('Closed: Expected'),
    ).toBeInTheDocument();
    expect(within(items()[1]).queryByText(/^Closed/)).not.toBeInTheDocument();
  });

  it('shows one incident once: a model anomaly on days the total is anomalous is folded into it', async () => {
    const [model, other] = makeAnomalies();
    const total = {
      ...other,
      id: 'anom-total',
      entityRef: model.entityRef,
      model: '',
      startDate: '2026-11-19',
      endDate: '2026-11-21',
      status: 'open' as const,
      feedback: null,
    };
    await renderEntityCard(
      makeFakeApi({
        listAnomalies: jest
          .fn()
          .mockResolvedValue(anomaliesPage([model, total])),
      }),
    );
    await screen.findByRole('list', { name: 'Anomalies' });
    expect(screen.getByText('1 ongoing · 1 in total')).toBeInTheDocument();
    expect(items().map(item => item.getAttribute('aria-label'))).toEqual([
      'Total AI spend, Ongoing since Nov 19',
    ]);
    expect(items()[0]).toHaveTextContent(
      'One incident with gpt-4o (OpenAI) (Ongoing since Nov 18, +$290.25), flagged on the same days and counted in the figures above.',
    );
  });

  it('shows expected vs actual, impact, severity and the top causes', async () => {
    await renderEntityCard(makeFakeApi());
    await screen.findByRole('list', { name: 'Anomalies' });
    const [ongoing, oneDay, resolved] = items();
    expect(within(ongoing).getByText('High severity')).toBeInTheDocument();
    // The amounts say how many days they run over.
    expect(resolved).toHaveTextContent('Over 2 days: expected');
    expect(oneDay).toHaveTextContent('That day: expected');
    expect(ongoing).toHaveTextContent(
      'Over 4 days: expected $120.50, actual $410.75 · +$290.25 (+240.9%)',
    );
    expect(
      within(
        within(ongoing).getByRole('list', {
          name: 'Top causes of anomaly anom-1',
        }),
      )
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual([
      'API key key_shared_eval (OpenAI): +$250.00, 86.1% of the increase',
      'Output (incl. reasoning) tokens: +$40.25, 13.9% of the increase',
    ]);
    // The anomaly of a descendant names its entity; the entity's own do not.
    expect(
      within(resolved).getByRole('link', { name: /ticket-summarizer/ }),
    ).toBeInTheDocument();
    expect(within(ongoing).queryByRole('link')).not.toBeInTheDocument();
    expect(within(resolved).getByText('Medium severity')).toBeInTheDocument();
    expect(resolved).toHaveTextContent(
      'Model claude-sonnet-4 (Anthropic): +$65.20, 96.7% of the increase',
    );
    expect(
      within(resolved).getByText(
        'Marked as expected by guest on Nov 5: “Load test”',
      ),
    ).toBeInTheDocument();
    expect(
      within(resolved).getByRole('button', { name: 'Expected' }),
    ).toHaveAttribute('aria-pressed', 'true');
  });

  it('records feedback and shows it', async () => {
    const api = makeFakeApi();
    await renderEntityCard(api);
    await screen.findByRole('list', { name: 'Anomalies' });
    const [ongoing] = items();
    await userEvent.click(
      within(ongoing).getByRole('button', { name: 'Not an issue' }),
    );
    expect(api.setAnomalyFeedback).toHaveBeenCalledTimes(1);
    expect(api.setAnomalyFeedback).toHaveBeenCalledWith('anom-1', {
      feedback: 'not-an-issue',
    });
    expect(
      await within(ongoing).findByText(
        'Marked as not an issue by guest on Nov 22',
      ),
    ).toBeInTheDocument();
    expect(
      within(ongoing).getByRole('button', { name: 'Not an issue' }),
    ).toHaveAttribute('aria-pressed', 'true');
    expect(
      within(ongoing).getByRole('button', { name: 'Accurate' }),
    ).toHaveAttribute('aria-pressed', 'false');
  });

  it('reports feedback that could not be saved', async () => {
    const api = makeFakeApi({
      setAnomalyFeedback: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            404,
            'NotFoundError',
            'No anomaly with id anom-1',
          ),
        ),
    });
    const { alertApi } = await renderEntityCard(api);
    await screen.findByRole('list', { name: 'Anomalies' });
    const [ongoing] = items();
    await userEvent.click(
      within(ongoing).getByRole('button', { name: 'Accurate' }),
    );
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Could not record your feedback: No anomaly with id anom-1',
        severity: 'error',
      }),
    );
    expect(
      within(ongoing).getByRole('button', { name: 'Accurate' }),
    ).toHaveAttribute('aria-pressed', 'false');
  });

  it('shows the most recent ones up to the limit', async () => {
    await renderEntityCard(makeFakeApi(), { limit: 2 });
    expect(
      await screen.findByText(
        '1 ongoing · 3 in total · showing the 2 most recent',
      ),
    ).toBeInTheDocument();
    expect(items()).toHaveLength(2);
  });

  it('formats amounts in the configured reporting currency', async () => {
    await renderEntityCard(makeFakeApi(), { currency: 'EUR' });
    await screen.findByRole('list', { name: 'Anomalies' });
    expect(items()[0]).toHaveTextContent(
      'Over 4 days: expected €120.50, actual €410.75 · +€290.25 (+240.9%)',
    );
  });

  it('says when nothing unusual was found', async () => {
    await renderEntityCard(
      makeFakeApi({
        listAnomalies: jest.fn().mockResolvedValue(anomaliesPage([])),
      }),
    );
    expect(
      await screen.findByText(/^No unusual AI spend detected\./),
    ).toBeInTheDocument();
  });

  it('shows progress while loading', async () => {
    await renderEntityCard(
      makeFakeApi({ listAnomalies: jest.fn(() => new Promise(() => {})) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('shows errors with a retry', async () => {
    const api = makeFakeApi({
      listAnomalies: jest
        .fn()
        .mockRejectedValueOnce(
          await makeResponseError(500, 'Error', 'database is locked'),
        )
        .mockResolvedValueOnce(anomaliesPage()),
    });
    await renderEntityCard(api);
    expect(
      await screen.findByText(
        'Could not load the anomalies: database is locked',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('list', { name: 'Anomalies' }),
    ).toBeInTheDocument();
  });
});

describe('OrgAnomaliesCard', () => {
  async function renderOrgCard(api: AiCostApi) {
    await renderInTestApp(
      <TestApiProvider apis={[[aiCostApiRef, api]]}>
        <OrgAnomaliesCard />
      </TestApiProvider>,
      { mountedRoutes },
    );
  }

  it('lists anomalies of every entity with their entity', async () => {
    const api = makeFakeApi();
    await renderOrgCard(api);
    await screen.findByRole('list', { name: 'Anomalies' });
    expect(api.listAnomalies).toHaveBeenCalledWith({
      entityRef: undefined,
      status: 'all',
      limit: 500,
    });
    expect(
      items().map(item => within(item).getByRole('link').textContent),
    ).toEqual(['query-rewriter', 'query-rewriter', 'ticket-summarizer']);
  });

  it('explains the org read permission on 403', async () => {
    await renderOrgCard(
      makeFakeApi({
        listAnomalies: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(
              403,
              'NotAllowedError',
              'Missing permission ai-cost.org.read',
            ),
          ),
      }),
    );
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('anomaly feedback with the real client', () => {
  const baseUrl = 'http://localhost:7007/api/ai-cost';
  const server = setupServer();
  registerMswTestHooks(server);

  it('posts the exact feedback body', async () => {
    const requests: Array<{ path: string; body: string }> = [];
    server.use(
      http.get(`${baseUrl}/anomalies`, () =>
        HttpResponse.json(anomaliesPage()),
      ),
      http.post(`${baseUrl}/anomalies/:id/feedback`, async ({ request }) => {
        requests.push({
          path: new URL(request.url).pathname,
          body: await request.text(),
        });
        return HttpResponse.json({
          ...makeAnomalies()[0],
          feedback: {
            value: 'accurate',
            by: 'user:default/guest',
            at: '2026-11-22T15:31:00.000Z',
          },
        });
      }),
    );
    const client = new AiCostClient({
      discoveryApi: { getBaseUrl: async () => baseUrl },
      fetchApi: new MockFetchApi(),
    });
    await renderEntityCard(client);
    await screen.findByRole('list', { name: 'Anomalies' });
    await userEvent.click(
      within(items()[0]).getByRole('button', { name: 'Accurate' }),
    );
    expect(
      await screen.findByText('Marked as accurate by guest on Nov 22'),
    ).toBeInTheDocument();
    expect(requests).toEqual([
      {
        path: '/api/ai-cost/anomalies/anom-1/feedback',
        body: '{"feedback":"accurate"}',
      },
    ]);
  });
});
