import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef } from '../../api';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import { ExportCsvButton } from './ExportCsvButton';

describe('ExportCsvButton', () => {
  const createObjectURL = jest.fn(() => 'blob:http://localhost/export');
  const revokeObjectURL = jest.fn();
  let clicked: HTMLAnchorElement[] = [];

  beforeEach(() => {
    clicked = [];
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => jest.restoreAllMocks());

  it('fetches the CSV with the API and saves it as a file', async () => {
    const api = makeFakeApi();
    const blob = new Blob(['date,cost\n2026-11-22,41.15\n'], {
      type: 'text/csv',
    });
    api.exportCsv.mockResolvedValue({ blob, filename: 'query-rewriter.csv' });
    await renderInTestApp(
      <TestApiProvider apis={[[aiCostApiRef, api]]}>
        <ExportCsvButton
          entityRef="component:default/query-rewriter"
          from="2026-10-24"
          to="2026-11-22"
        />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.exportCsv).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(createObjectURL).toHaveBeenCalledWith(blob);
    expect(clicked[0].download).toBe('query-rewriter.csv');
    expect(clicked[0].href).toBe('blob:http://localhost/export');
  });

  it('reports a failed export with the server message', async () => {
    const api = makeFakeApi();
    api.exportCsv.mockRejectedValue(
      await makeResponseError(
        403,
        'NotAllowedError',
        'Missing permission ai-cost.org.read',
      ),
    );
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, api],
          [alertApiRef, alertApi],
        ]}
      >
        <ExportCsvButton from="2026-10-24" to="2026-11-22" />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message:
          'Could not export the CSV: Missing permission ai-cost.org.read',
        severity: 'error',
      }),
    );
    expect(api.exportCsv).toHaveBeenCalledWith({
      entityRef: undefined,
      from: '2026-10-24',
      to: '2026-11-22',
    });
    expect(clicked).toHaveLength(0);
  });
});
