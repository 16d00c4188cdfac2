import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makeFakeApi } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import {
  makeCustomerEconomics,
  makeMetrics,
} from '../../__testUtils__/unitEconomicsFixtures';
import { TagEconomicsCard } from './TagEconomicsCard';

const window = { from: '2026-10-24', to: '2026-11-22' };

async function renderCard(api: AiCostApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <TagEconomicsCard window={window} />
    </TestApiProvider>,
  );
}

/** The first cell of every body row, top to bottom. */
function firstCells() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);
}

/** The text of the blob the card saved (Node's Blob, which can read itself). */
function readBlob(blob: Blob): Promise<string> {
  return blob.text();
}

describe('TagEconomicsCard', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:http://localhost/x');
  let clicked: HTMLAnchorElement[] = [];

  beforeEach(() => {
    clicked = [];
    createObjectURL.mockClear();
    Object.assign(URL, { createObjectURL, revokeObjectURL: jest.fn() });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function click(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => jest.restoreAllMocks());

  it('measures customers by the first money metric, with margins', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    await screen.findByText('Cost and revenue by customer');
    expect(api.getRollup).toHaveBeenCalledTimes(1);
    expect(api.getRollup).toHaveBeenCalledWith({
      groupBy: 'tag:customer',
      metric: 'revenue',
      ...window,
    });
    expect(screen.getByLabelText('Metric')).toHaveValue('revenue');
    expect(
      screen.getAllByRole('columnheader').map(header => header.textContent),
    ).toEqual([
      'Customer',
      'Cost',
      'Trend',
      'revenue',
      'Unit cost per $1.00 of revenue',
      'Margin',
      'Margin %',
    ]);
    // Largest cost first.
    expect(firstCells()).toEqual([
      'No customer tag',
      'globex',
      'acme',
      '12 other customers',
      'umbrella',
      'initech',
    ]);
    expect(rowCells('acme')).toEqual([
      'acme',
      '$1,200.00',
      '▲ up +$200.00 (+20.0%) from $1,000.00',
      '$5,000.00',
      '$0.24',
      '$3,800.00',
      '76.0%',
    ]);
    expect(rowCells('12 other customers')).toEqual([
      '12 other customers',
      '$400.25',
      '▲ up +$20.25 (+5.3%) from $380.00',
      '$1,600.00',
      '$0.25',
      '$1,199.75',
      '75.0%',
    ]);
    // No revenue pushed: no unit cost or margin, not $0.
    expect(rowCells('umbrella')).toEqual([
      'umbrella',
      '$300.50',
      '▼ down -$49.50 (-14.1%) from $350.00',
      '—',
      '—',
      '—',
      '—',
    ]);
    expect(rowCells('No customer tag')[1]).toBe('$5,475.79');
    expect(screen.getByText('Total $9,876.54 over 6 rows')).toBeInTheDocument();
  });

  it('shows a customer with revenue but no spend with its full margin', async () => {
    await renderCard(makeFakeApi());
    await screen.findByText('Cost and revenue by customer');
    expect(rowCells('initech')).toEqual([
      'initech',
      '$0.00',
      'No change',
      '$800.00',
      '$0.00',
      '$800.00',
      '100.0%',
    ]);
  });

  it('shows no trend against a previous period before the history', async () => {
    await renderCard(
      makeFakeApi({
        getRollup: jest
          .fn()
          .mockResolvedValue(
            makeCustomerEconomics({ ...window, historyFrom: '2026-10-01' }),
          ),
      }),
    );
    await screen.findByText('Cost and revenue by customer');
    expect(rowCells('initech')[2]).toBe(
      'No history before Oct 1, 2026 to compare with',
    );
  });

  it('shows a negative margin in the error colour', async () => {
    await renderCard(makeFakeApi());
    await screen.findByText('Cost and revenue by customer');
    expect(rowCells('globex').slice(5)).toEqual(['-$500.00', '-25.0%']);
    const globex = screen.getByText('globex').closest('tr')!;
    expect(within(globex).getByText('-$500.00').className).toMatch(/negative/);
    expect(within(globex).getByText('-25.0%').className).toMatch(/negative/);
    const acme = screen.getByText('acme').closest('tr')!;
    expect(within(acme).getByText('$3,800.00').className).not.toMatch(
      /negative/,
    );
  });

  it('sorts by margin, rows without one last in both directions', async () => {
    await renderCard(makeFakeApi());
    await screen.findByText('Cost and revenue by customer');
    const header = screen.getByRole('columnheader', { name: 'Margin' });
    await userEvent.click(within(header).getByRole('button'));
    expect(firstCells()).toEqual([
      'acme',
      '12 other customers',
      'initech',
      'globex',
      'No customer tag',
      'umbrella',
    ]);
    await userEvent.click(within(header).getByRole('button'));
    expect(firstCells()).toEqual([
      'globex',
      'initech',
      '12 other customers',
      'acme',
      'No customer tag',
      'umbrella',
    ]);
  });

  it('downloads exactly the rows shown, in their order, costs adding up to the total', async () => {
    await renderCard(makeFakeApi());
    await screen.findByText('Cost and revenue by customer');
    const header = screen.getByRole('columnheader', { name: 'Margin' });
    await userEvent.click(within(header).getByRole('button'));
    const shown = firstCells();

    await userEvent.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(clicked).toHaveLength(1);
    expect(clicked[0].download).toBe(
      'ai-cost-customers-revenue-2026-10-24-2026-11-22.csv',
    );
    const csv = await readBlob(createObjectURL.mock.calls[0][0]);
    expect(csv).toBe(
      [
        'key,cost,previous_cost,metric_value,unit_cost,margin,margin_percent',
        'acme,1200.00,1000.00,5000,0.24,3800,0.76',
        '12 other customers,400.25,380.00,1600,0.250156,1199.75,0.749844',
        'initech,0.00,0.00,800,0,800,1',
        'globex,2500.00,2000.00,2000,1.25,-500,-0.25',
        'No customer tag,5475.79,5000.00,,,,',
        'umbrella,300.50,350.00,,,,',
        '',
      ].join('\r\n'),
    );
    const lines = csv.trim().split('\r\n').slice(1);
    expect(lines.map(line => line.split(',')[0])).toEqual(shown);
    const cents = lines.reduce(
      (sum, line) => sum + Math.round(Number(line.split(',')[1]) * 100),
      0,
    );
    expect(cents).toBe(987654);
    expect(screen.getByText('Total $9,876.54 over 6 rows')).toBeInTheDocument();
  });

  it('measures features by requests, without margins', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    await screen.findByText('Cost and revenue by customer');
    await userEvent.click(screen.getByRole('tab', { name: 'Features' }));
    expect(
      await screen.findByText('Cost and requests by feature'),
    ).toBeInTheDocument();
    expect(api.getRollup).toHaveBeenLastCalledWith({
      groupBy: 'tag:feature',
      metric: 'requests',
      ...window,
    });
    expect(
      screen.getAllByRole('columnheader').map(header => header.textContent),
    ).toEqual([
      'Feature',
      'Cost',
      'Trend',
      'requests',
      'Unit cost per request',
    ]);
    expect(rowCells('query-expansion')).toEqual([
      'query-expansion',
      '$800.00',
      '▼ down -$100.00 (-11.1%) from $900.00',
      '100,000 requests',
      '$0.008',
    ]);
    expect(rowCells('No feature tag')).toEqual([
      'No feature tag',
      '$8,676.54',
      '▲ up +$676.54 (+8.5%) from $8,000.00',
      '400,000 requests',
      '$0.0217',
    ]);
  });

  it('asks for the picked metric, and for requests when no metric is money', async () => {
    const builtIns = makeMetrics().metrics.filter(m => m.builtIn);
    const api = makeFakeApi({
      getMetrics: jest.fn().mockResolvedValue({ metrics: builtIns }),
    });
    await renderCard(api);
    await screen.findByText('Cost and requests by customer');
    expect(api.getRollup).toHaveBeenCalledWith({
      groupBy: 'tag:customer',
      metric: 'requests',
      ...window,
    });
    expect(
      screen.queryByRole('columnheader', { name: 'Margin' }),
    ).not.toBeInTheDocument();

    await userEvent.selectOptions(screen.getByLabelText('Metric'), 'tokens');
    await waitFor(() =>
      expect(api.getRollup).toHaveBeenLastCalledWith({
        groupBy: 'tag:customer',
        metric: 'tokens',
        ...window,
      }),
    );
    expect(
      await screen.findByRole('columnheader', {
        name: 'Unit cost per 1,000 tokens',
      }),
    ).toBeInTheDocument();
  });
});
