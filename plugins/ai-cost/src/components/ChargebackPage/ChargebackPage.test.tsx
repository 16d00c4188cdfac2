import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  makeChargebackStatement,
  makeClosedStatement,
} from '../../__testUtils__/chargebackFixtures';
import {
  makeFakeApi,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import { makePermissionApi } from '../../__testUtils__/permissions';
import { ChargebackPage } from './ChargebackPage';

async function renderPage(
  api: AiCostApi,
  routeEntries = ['/ai-cost/chargeback'],
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [permissionApiRef, makePermissionApi()],
      ]}
    >
      <ChargebackPage now={now} />
    </TestApiProvider>,
    {
      routeEntries,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
}

/** Every row of the statement as the text of its cells. */
async function statementRows() {
  const table = await screen.findByRole('table', {
    name: 'Chargeback statement',
  });
  return within(table)
    .getAllByRole('row')
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(cell => cell.textContent),
    );
}

const cents = (text: string) =>
  Math.round(Number(text.replace(/[$,]/g, '')) * 100);

describe('ChargebackPage', () => {
  it('shows the previous month by default with exact amounts and adjustments', async () => {
    const api = makeFakeApi();
    await renderPage(api);
    expect(await statementRows()).toEqual([
      ['Charged to', 'Cost centre', 'Cost'],
      [
        'Search Teamrestatement of 2026-09: +$50.00restatement of 2026-08: -$12.35',
        'CC-1001',
        '$1,234.57',
      ],
      ['Platform', '—', '$600.12'],
      ['ada', 'CC-2002', '$100.01'],
      ['Unallocatedrestatement of 2026-09: +$7.01', '—', '$65.30'],
      ['Total', '$2,000.00'],
      ['Adjustments', '+$44.66'],
      ['Total with adjustments', '$2,044.66'],
    ]);
    expect(api.getChargeback).toHaveBeenCalledWith('2026-10');
    expect(screen.getByText('Statement for October 2026')).toBeInTheDocument();
    expect(screen.getByTestId('chargeback-coverage')).toHaveTextContent(
      /^96\.7%$/,
    );
    expect(screen.getByLabelText('Month')).toHaveValue('2026-10');
    expect(screen.getByRole('link', { name: 'Search Team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search-team',
    );
  });

  it('shows amounts that add up to the totals it shows', async () => {
    await renderPage(makeFakeApi());
    const rows = (await statementRows()).slice(1, 5);
    const total = screen.getByTestId('chargeback-total').textContent!;
    expect(rows.reduce((sum, row) => sum + cents(row[2]!), 0)).toBe(
      cents(total),
    );
    const adjustments = screen
      .getAllByRole('list', { name: /^Adjustments of / })
      .flatMap(list => within(list).getAllByRole('listitem'))
      .map(item => item.textContent!.split(': ')[1]);
    expect(adjustments).toEqual(['+$50.00', '-$12.35', '+$7.01']);
    const signed = (text: string) =>
      (text.startsWith('-') ? -1 : 1) * cents(text.slice(1));
    expect(adjustments.reduce((sum, text) => sum + signed(text), 0)).toBe(4466);
    expect(
      screen.getByTestId('chargeback-adjustments-total'),
    ).toHaveTextContent('+$44.66');
  });

  it('gives the reason of an adjustment as its tooltip', async () => {
    await renderPage(makeFakeApi());
    await userEvent.hover(await screen.findByText(/restatement of 2026-08/));
    expect(await screen.findByRole('tooltip')).toHaveTextContent(
      'Late credit from Anthropic',
    );
  });

  it('offers the current month and the twelve before it, kept in the URL', async () => {
    const api = makeFakeApi();
    await renderPage(api, ['/ai-cost/chargeback?month=2026-03']);
    await screen.findByText('Statement for March 2026');
    expect(api.getChargeback).toHaveBeenCalledWith('2026-03');
    const picker = screen.getByLabelText('Month');
    const options = within(picker)
      .getAllByRole('option')
      .map(o => (o as HTMLOptionElement).value);
    expect(options).toHaveLength(13);
    expect(options[0]).toBe('2026-11');
    expect(options[12]).toBe('2025-11');
    await userEvent.selectOptions(picker, '2026-09');
    expect(
      await screen.findByText('Statement for September 2026'),
    ).toBeInTheDocument();
    expect(api.getChargeback).toHaveBeenLastCalledWith('2026-09');
  });

  it('says who closed a closed month and offers no close', async () => {
    const api = makeFakeApi({
      getChargeback: jest.fn().mockResolvedValue(makeClosedStatement()),
    });
    await renderPage(api);
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Closed by guest on Nov 3, 2026 — this month never changes',
    );
    expect(
      screen.queryByRole('button', { name: 'Close month' }),
    ).not.toBeInTheDocument();
  });

  it('closes the month after a confirmation and shows it closed', async () => {
    const api = makeFakeApi({
      getChargeback: jest
        .fn()
        .mockResolvedValueOnce(makeChargebackStatement())
        .mockResolvedValue(makeClosedStatement()),
    });
    await renderPage(api);
    expect(await screen.findByRole('status')).toHaveTextContent(/^Open — /);
    await userEvent.click(screen.getByRole('button', { name: 'Close month' }));
    const dialog = screen.getByRole('dialog', { name: 'Close October 2026?' });
    expect(dialog).toHaveTextContent('a closed month never changes');
    expect(dialog).toHaveTextContent(
      'is booked as adjustments on the next open month',
    );
    expect(api.closeChargebackMonth).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Close month' }),
    );
    expect(api.closeChargebackMonth).toHaveBeenCalledWith('2026-10');
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        /^Closed by guest on Nov 3, 2026/,
      ),
    );
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it.each([
    [409, 'ConflictError', 'Month 2026-10 has not ended yet'],
    [403, 'NotAllowedError', 'Missing permission ai-cost.admin'],
  ])(
    'shows a failed close (%s) in the dialog',
    async (status, name, message) => {
      const api = makeFakeApi({
        closeChargebackMonth: jest
          .fn()
          .mockRejectedValue(await makeResponseError(status, name, message)),
      });
      await renderPage(api);
      await userEvent.click(
        await screen.findByRole('button', { name: 'Close month' }),
      );
      const dialog = screen.getByRole('dialog');
      await userEvent.click(
        within(dialog).getByRole('button', { name: 'Close month' }),
      );
      expect(await within(dialog).findByRole('alert')).toHaveTextContent(
        `Could not close October 2026: ${message}`,
      );
      // The page behind the dialog is hidden from the accessibility tree.
      expect(screen.getByRole('status', { hidden: true })).toHaveTextContent(
        /^Open — /,
      );
    },
  );

  it('explains a missing ai-cost.org.read permission instead of failing', async () => {
    const api = makeFakeApi({
      getChargeback: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(
            403,
            'NotAllowedError',
            'Missing permission ai-cost.org.read',
          ),
        ),
    });
    await renderPage(api);
    expect(
      await screen.findByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Download CSV' }),
    ).not.toBeInTheDocument();
  });
});
