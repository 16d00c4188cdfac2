import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeAttributionApi,
  makeAttributionValues,
} from '../../__testUtils__/attributionFixtures';
import { makeResponseError } from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { BilledValuesPage } from './BilledValuesPage';

function Search() {
  return <output data-testid="search">{useLocation().search}</output>;
}

async function renderPage(
  api: AiCostApi,
  routeEntries = ['/ai-cost/billed-values'],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <BilledValuesPage />
      <Search />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Every row of the values table as the text of its cells. */
async function valueRows() {
  const table = await screen.findByRole('table', { name: 'Billed values' });
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent),
    );
}

/** The values of the table's rows. */
async function shownValues() {
  return (await valueRows()).slice(1).map(row => row[2]);
}

describe('BilledValuesPage', () => {
  it('lists billed values with spend, last day seen and who claims them', async () => {
    const api = makeAttributionApi();
    await renderPage(api);
    expect(await valueRows()).toEqual([
      [
        'Provider',
        'Dimension',
        'Value',
        'Spend (Aug 25 – Nov 22, 2026)',
        'Last seen',
        'Claim',
      ],
      [
        'OpenAI',
        'project',
        'proj_search',
        '$2,345.68',
        'Nov 22, 2026',
        'Claimed by search-api',
      ],
      [
        'OpenAI',
        'project',
        'proj_experiments',
        '$1,234.50',
        'Nov 21, 2026',
        'UnclaimedClaim it',
      ],
      [
        'OpenAI',
        'API key',
        'key_shared_eval',
        '$321.00',
        'Nov 20, 2026',
        'Conflict: claimed equally by query-rewriter, ticket-summarizer',
      ],
      [
        'Anthropic',
        'tag',
        'environment=dev',
        '$0.0042',
        'Oct 2, 2026',
        'UnclaimedNo annotation claims a tag of Anthropic.',
      ],
    ]);
    expect(api.getAttributionValues).toHaveBeenCalledWith({
      provider: undefined,
      q: undefined,
      limit: 100,
    });
    expect(screen.getByRole('link', { name: 'search-api' })).toHaveAttribute(
      'href',
      '/catalog/default/component/search-api',
    );
    for (const cell of screen.getAllByTestId('billed-value-spend')) {
      expect(cell).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    expect(screen.queryByText(/^More values match/)).not.toBeInTheDocument();
  });

  it('opens a copyable catalog-info.yaml snippet that claims an unclaimed value', async () => {
    await renderPage(makeAttributionApi());
    await userEvent.click(
      await screen.findByRole('button', { name: 'Claim proj_experiments' }),
    );
    await waitFor(() =>
      expect(document.querySelector('pre code')?.textContent).toBe(
        `# in the catalog-info.yaml of the entity that owns this spend
metadata:
  annotations:
    ai-cost/openai-project-id: proj_experiments
`,
      ),
    );
    expect(screen.getByRole('button', { name: /copy/i })).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Claim proj_experiments' }),
    ).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(
      screen.getByRole('button', { name: 'Claim proj_experiments' }),
    );
    expect(document.querySelector('pre code')).toBeNull();
  });

  it('searches the server after typing pauses and keeps the search in the URL', async () => {
    const api = makeAttributionApi();
    await renderPage(api);
    await screen.findByRole('table', { name: 'Billed values' });
    await userEvent.type(screen.getByLabelText('Search values'), 'proj_exp');
    await waitFor(() =>
      expect(api.getAttributionValues).toHaveBeenLastCalledWith({
        provider: undefined,
        q: 'proj_exp',
        limit: 100,
      }),
    );
    // One request for the page and one for the search, not one per key.
    expect(api.getAttributionValues).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('search')).toHaveTextContent('?q=proj_exp');
  });

  it('reads the search and filters from the URL; provider by the server, dimension and claim state here', async () => {
    const api = makeAttributionApi();
    await renderPage(api, [
      '/ai-cost/billed-values?q=e&provider=openai&state=unclaimed',
    ]);
    expect(await shownValues()).toEqual([
      'proj_experiments',
      'environment=dev',
    ]);
    expect(api.getAttributionValues).toHaveBeenCalledWith({
      provider: 'openai',
      q: 'e',
      limit: 1000,
    });
    expect(screen.getByLabelText('Search values')).toHaveValue('e');
    expect(screen.getByLabelText('Provider')).toHaveValue('openai');
    expect(screen.getByLabelText('Claim state')).toHaveValue('unclaimed');

    await userEvent.selectOptions(screen.getByLabelText('Claim state'), '');
    await userEvent.selectOptions(
      screen.getByLabelText('Dimension'),
      'apiKeyId',
    );
    await waitFor(async () =>
      expect(await shownValues()).toEqual(['key_shared_eval']),
    );
    expect(screen.getByTestId('search')).toHaveTextContent(
      '?q=e&provider=openai&dimension=apiKeyId',
    );

    await userEvent.selectOptions(screen.getByLabelText('Provider'), '');
    await userEvent.selectOptions(screen.getByLabelText('Dimension'), '');
    await waitFor(() =>
      expect(api.getAttributionValues).toHaveBeenLastCalledWith({
        provider: undefined,
        q: 'e',
        limit: 100,
      }),
    );
  });

  it('offers the providers of the billing sources and of the values', async () => {
    await renderPage(makeAttributionApi());
    await screen.findByRole('table', { name: 'Billed values' });
    expect(
      within(screen.getByLabelText('Provider'))
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual(expect.arrayContaining(['All providers', 'OpenAI', 'Anthropic']));
  });

  it('says when more values match than are shown', async () => {
    await renderPage(
      makeAttributionApi({
        getAttributionValues: jest
          .fn()
          .mockResolvedValue(makeAttributionValues({ truncated: true })),
      }),
    );
    expect(await screen.findByText(/^More values match/)).toHaveTextContent(
      'More values match than shown: the 4 costliest are listed. Search or filter to find the others.',
    );
  });

  it('says when nothing matches', async () => {
    await renderPage(
      makeAttributionApi({
        getAttributionValues: jest
          .fn()
          .mockResolvedValue(makeAttributionValues({ items: [] })),
      }),
      ['/ai-cost/billed-values?q=nothing'],
    );
    expect(
      await screen.findByText(
        'No value seen in billing over the last 90 days matches the search and filters.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('table', { name: 'Billed values' }),
    ).not.toBeInTheDocument();
  });

  it("shows the server's message with a retry", async () => {
    const api = makeAttributionApi({
      getAttributionValues: jest
        .fn()
        .mockRejectedValueOnce(
          await makeResponseError(
            400,
            'InputError',
            'q: String must contain at most 256 character(s)',
          ),
        )
        .mockResolvedValue(makeAttributionValues()),
    });
    await renderPage(api);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not load the billed values: q: String must contain at most 256 character(s)',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await shownValues()).toHaveLength(4);
  });

  it('explains a missing ai-cost.org.read permission', async () => {
    await renderPage(
      makeAttributionApi({
        getAttributionValues: jest
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
    expect(
      screen.queryByRole('table', { name: 'Billed values' }),
    ).not.toBeInTheDocument();
  });

  it('offers the catalog-info.yaml check', async () => {
    const api = makeAttributionApi();
    await renderPage(api);
    await userEvent.click(
      screen.getByRole('button', { name: 'Check a catalog-info.yaml' }),
    );
    expect(
      await screen.findByRole('dialog', { name: 'Check a catalog-info.yaml' }),
    ).toBeInTheDocument();
  });
});
