import { alertApiRef } from '@backstage/core-plugin-api';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef } from '../../api';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import { makeAlertApi } from '../../__testUtils__/permissions';
import { DownloadChargebackCsvButton } from './DownloadChargebackCsvButton';

describe('DownloadChargebackCsvButton', () => {
  const createObjectURL = jest.fn(() => 'blob:http://localhost/chargeback');
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

  it("fetches the month's statement as CSV and saves it as a file", async () => {
    const api = makeFakeApi();
    await renderInTestApp(
      <TestApiProvider apis={[[aiCostApiRef, api]]}>
        <DownloadChargebackCsvButton month="2026-10" />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.exportChargebackCsv).toHaveBeenCalledWith('2026-10');
    expect(clicked[0].download).toBe('ai-cost-chargeback-2026-10.csv');
    expect(clicked[0].href).toBe('blob:http://localhost/chargeback');
  });

  it('reports a failed download with the server message', async () => {
    const api = makeFakeApi({
      exportChargebackCsv: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
    });
    const alertApi = makeAlertApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, api],
          [alertApiRef, alertApi],
        ]}
      >
        <DownloadChargebackCsvButton month="2026-10" />
      </TestApiProvider>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message:
          'Could not download the statement: Missing permission ai-cost.org.read',
        severity: 'error',
      }),
    );
    expect(clicked).toHaveLength(0);
  });
});
