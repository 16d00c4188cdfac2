import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import {
  makeUnitCosts,
  RISING_DAYS,
  RISING_PREVIOUS,
} from '../../__testUtils__/unitEconomicsFixtures';
import { UnitEconomicsCard } from './UnitEconomicsCard';

const entityRef = 'component:default/query-rewriter';
const window = { from: '2026-11-16', to: '2026-11-22' };

async function renderCard(api: AiCostApi) {
  return renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <UnitEconomicsCard entityRef={entityRef} window={window} />
    </TestApiProvider>,
  );
}

function fakeApi(unitCosts = makeUnitCosts()) {
  return makeFakeApi({ getUnitCosts: jest.fn().mockResolvedValue(unitCosts) });
}

/** The cells of the data table's row of `date`. */
function dayCells(date: string) {
  const row = screen.getByRole('rowheader', { name: date }).parentElement!;
  return within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
}

/** The paragraph whose whole text, spread over several elements, is `text`. */
function paragraph(text: string) {
  return screen.getByText(
    (_content, element) =>
      element?.tagName === 'P' && element.textContent === text,
  );
}

/** The text of each (syntax highlighted) code snippet. */
function snippets() {
  return Array.from(document.querySelectorAll('pre code')).map(
    code => code.textContent,
  );
}

describe('UnitEconomicsCard', () => {
  it('shows the unit cost, its fall, cost and volume, and the scale effect', async () => {
    const api = fakeApi();
    await renderCard(api);
    // $260 of the days with a value / 40,000 requests.
    expect(await screen.findByText('$0.0065')).toBeInTheDocument();
    expect(api.getUnitCosts).toHaveBeenCalledWith({ entityRef, ...window });
    // The picker offers the metrics this entity has values of.
    expect(api.getMetrics).toHaveBeenCalledWith({ entityRef });
    expect(screen.getByText('per request')).toBeInTheDocument();
    // A falling unit cost in the success colour.
    expect(
      paragraph('▼ down -35.0% vs the previous period (was $0.01 per request)')
        .className,
    ).toMatch(/-down-/);
    expect(screen.getByText('$272.50 (+9.0% vs previous)')).toBeInTheDocument();
    expect(
      screen.getByText('40,000 requests (+60.0% vs previous)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Volume +60.0%, unit cost -35.0%: costs grow slower than use.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        '$12.50 spent on 1 day without a value of requests is not in the unit cost.',
      ),
    ).toBeInTheDocument();
    // 40,000 × 1.6 = 64,000 requests at $0.0065.
    expect(
      screen.getByText(
        "Unit-trend forecast: 64000 requests expected over the next 7 days (no significant trend) at this period's unit cost: $416.00.",
      ),
    ).toBeInTheDocument();
  });

  it('says "no metric" for a day without a value and draws no unit cost for it', async () => {
    await renderCard(fakeApi());
    expect(await screen.findByRole('figure')).toHaveAccessibleName(
      'Daily cost, requests and unit cost per request from 2026-11-16 to 2026-11-22. No metric on Nov 19: no unit cost is shown for that day.',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show data table' }),
    );
    expect(dayCells('2026-11-19')).toEqual(['$12.50', 'no metric', '—']);
    expect(dayCells('2026-11-18')).toEqual([
      '$45.00',
      '6,000 requests',
      '$0.0075',
    ]);
    expect(screen.queryByText('$0.00')).not.toBeInTheDocument();
  });

  it('names a unit cost that rises with volume', async () => {
    await renderCard(
      fakeApi(makeUnitCosts({ daily: RISING_DAYS, previous: RISING_PREVIOUS })),
    );
    expect(await screen.findByText('$0.0055')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Volume +25.0%, unit cost +10.0%: unit cost rising with volume.',
      ),
    ).toBeInTheDocument();
    expect(
      paragraph('▲ up +10.0% vs the previous period (was $0.005 per request)')
        .className,
    ).toMatch(/-up-/);
    expect(screen.queryByText(/without a value of/)).not.toBeInTheDocument();
  });

  it('asks the backend for the picked metric and names tokens per 1,000', async () => {
    const api = makeFakeApi();
    await renderCard(api);
    const picker = await screen.findByLabelText('Metric');
    await waitFor(() => expect(picker).toHaveValue('requests'));
    expect(
      within(picker)
        .getAllByRole('option')
        .map(option => option.textContent),
    ).toEqual([
      'requests',
      'tokens',
      'customers',
      'documents_processed (documents)',
      'revenue (USD)',
    ]);

    api.getUnitCosts.mockResolvedValueOnce(
      makeUnitCosts({ metric: 'tokens', unit: 'tokens', per: 1000 }),
    );
    await userEvent.selectOptions(picker, 'tokens');
    await waitFor(() =>
      expect(api.getUnitCosts).toHaveBeenLastCalledWith({
        entityRef,
        metric: 'tokens',
        ...window,
      }),
    );
    // $260 / 40,000 tokens × 1,000.
    expect(await screen.findByText('per 1,000 tokens')).toBeInTheDocument();
    expect(screen.getByText('$6.50')).toBeInTheDocument();
  });

  it('says when the metric comes from the ai-cost/unit-metric annotation', async () => {
    await renderCard(
      fakeApi(
        makeUnitCosts({
          metric: 'documents_processed',
          unit: 'documents',
          builtIn: false,
          metricFrom: 'annotation',
        }),
      ),
    );
    expect(await screen.findByText('per document')).toBeInTheDocument();
    expect(screen.getByLabelText('Metric')).toHaveValue('documents_processed');
    expect(screen.getByText('from ai-cost/unit-metric')).toBeInTheDocument();
  });

  it('explains a metric without any value in the window, with what to push', async () => {
    const explanation =
      'documents_processed has no value for component:default/query-rewriter from 2026-11-16 to 2026-11-22.';
    const days = makeUnitCosts().daily.map(day => ({
      ...day,
      value: null,
      unitCost: null,
    }));
    await renderCard(
      fakeApi(
        makeUnitCosts({
          metric: 'documents_processed',
          unit: 'documents',
          builtIn: false,
          metricFrom: 'query',
          daily: days,
          explanation,
        }),
      ),
    );
    expect(await screen.findByText(explanation)).toBeInTheDocument();
    expect(screen.getByText('No unit cost')).toBeInTheDocument();
    expect(screen.getByText('no metric in this period')).toBeInTheDocument();
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
    expect(snippets()).toEqual([
      [
        'POST /api/ai-cost/metrics',
        '{',
        '  "metrics": [',
        '    {',
        '      "metric": "documents_processed",',
        '      "date": "2026-11-22",',
        '      "value": 1250,',
        '      "entityRef": "component:default/query-rewriter"',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
      'metadata:\n  annotations:\n    ai-cost/unit-metric: documents_processed\n',
    ]);
  });

  it('shows a failure with the server message and retries', async () => {
    const api = makeFakeApi({
      getUnitCosts: jest
        .fn()
        .mockRejectedValueOnce(
          await makeResponseError(
            400,
            'InputError',
            'metric: must be a metric name',
          ),
        )
        .mockResolvedValue(makeUnitCosts()),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        'Could not load the unit costs: metric: must be a metric name',
      ),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('$0.0065')).toBeInTheDocument();
  });
});
