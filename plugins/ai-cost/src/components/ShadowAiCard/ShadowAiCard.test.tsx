import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import type { ShadowAiResponse } from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { makeFakeApi, makeResponseError } from '../../__testUtils__/fixtures';
import { ShadowAiCard } from './ShadowAiCard';
import { shownShadowAi } from './shadowAiRows';

const WINDOW = { from: '2026-11-01', to: '2026-11-30' };

/** Three vendors whose cents only add up to the total when rounded together. */
function makeReport(): ShadowAiResponse {
  return {
    currency: 'USD',
    ...WINDOW,
    total: 100.000003,
    approved: 33.335001,
    shadow: 66.665002,
    vendors: [
      {
        vendor: 'Midjourney',
        cost: 33.335001,
        unallocated: 0,
        users: 2,
        groups: ['group:default/team-a'],
        approved: false,
        approvedBy: [],
        firstSeen: '2026-11-03',
      },
      {
        vendor: 'OpenAI',
        cost: 33.335001,
        unallocated: 0,
        users: 3,
        groups: ['group:default/team-a', 'group:default/team-b'],
        approved: true,
        approvedBy: ['resource:default/chatgpt-enterprise'],
        firstSeen: '2025-06-01',
      },
      {
        vendor: 'Cursor',
        cost: 33.330001,
        unallocated: 33.330001,
        users: 1,
        groups: [],
        approved: false,
        approvedBy: [],
        firstSeen: '2026-11-04',
      },
    ],
  };
}

async function renderCard(getShadowAi: jest.Mock) {
  const api = makeFakeApi({ getShadowAi });
  await renderInTestApp(
    <TestApiProvider apis={[[aiCostApiRef, api]]}>
      <ShadowAiCard window={WINDOW} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return api;
}

const cents = (text: string) =>
  Math.round(Number(text.replace(/[^0-9.-]/g, '')) * 100);

describe('ShadowAiCard', () => {
  it('shows approved against shadow and a table of vendors, adding up to the total', async () => {
    const getShadowAi = jest.fn().mockResolvedValue(makeReport());
    await renderCard(getShadowAi);
    expect(getShadowAi).toHaveBeenCalledWith(WINDOW);
    expect(await screen.findByText('$100.00')).toBeInTheDocument();
    const approved = screen.getByTestId('shadow-ai-approved').textContent!;
    const shadow = screen.getByTestId('shadow-ai-shadow').textContent!;
    // OpenAI's shown $33.33 is the approved spend; the rest is shadow.
    expect(approved).toBe('Approved $33.33 (33.3%)');
    expect(shadow).toBe('Shadow AI $66.67 (66.7%)');
    expect(cents(approved.split('(')[0]) + cents(shadow.split('(')[0])).toBe(
      10_000,
    );

    const table = screen.getByRole('table', { name: 'Expensed AI vendors' });
    const rows = within(table)
      .getAllByRole('row')
      .map(row =>
        Array.from(row.querySelectorAll('th, td')).map(
          cell => cell.textContent,
        ),
      );
    expect(rows[0]).toEqual([
      'Vendor',
      'Status',
      'Cost',
      'Users',
      'Groups',
      'First seen',
    ]);
    expect(rows.slice(1).map(r => [r[0], r[1], r[2], r[3]])).toEqual([
      ['Midjourney', 'Shadow', '$33.34', '2'],
      ['OpenAI', 'Approved', '$33.33', '3'],
      ['Cursor', 'Shadow', '$33.33', '1'],
    ]);
    // The vendors' shown costs add up to the shown total.
    expect(rows.slice(1).reduce((sum, r) => sum + cents(r[2]!), 0)).toBe(
      10_000,
    );
    expect(rows[2][4]).toBe('team-a, team-b');
    expect(rows[3][4]).toBe('$33.33 by employees the catalog does not know');
    expect(rows[2][5]).toBe('Jun 1, 2025');
    expect(within(table).getByRole('link', { name: 'team-b' })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-b',
    );
    expect(
      screen.getByRole('region', {
        name: 'Expensed AI vendors, scrolls sideways',
      }),
    ).toBeInTheDocument();
  });

  it('explains how to import expenses and approve a vendor when there is nothing', async () => {
    await renderCard(
      jest.fn().mockResolvedValue({
        currency: 'USD',
        ...WINDOW,
        total: 0,
        approved: 0,
        shadow: 0,
        vendors: [],
      }),
    );
    expect(
      await screen.findByText(/No AI tools were expensed in this period/),
    ).toBeInTheDocument();
    const text = document.body.textContent;
    expect(text).toContain('ai-cost/vendor: OpenAI');
    expect(text).toContain('2026-11-02,OPENAI *CHATGPT SUBSCR');
    expect(text).toContain('POST /api/ai-cost/import/expenses');
  });

  it('shows an error with a retry', async () => {
    const getShadowAi = jest
      .fn()
      .mockRejectedValueOnce(
        await makeResponseError(500, 'Error', 'database is down'),
      )
      .mockResolvedValue(makeReport());
    await renderCard(getShadowAi);
    expect(
      await screen.findByText(
        /Could not load expensed AI tools: database is down/,
      ),
    ).toBeInTheDocument();
    screen.getByRole('button', { name: /retry/i }).click();
    expect(await screen.findByText('$100.00')).toBeInTheDocument();
  });
});

describe('shownShadowAi', () => {
  it('rounds approved and shadow, and the vendors, to the shown total', () => {
    const shown = shownShadowAi(makeReport());
    expect(shown.approved + shown.shadow).toBeCloseTo(100, 10);
    expect(shown.vendorCosts).toEqual([33.34, 33.33, 33.33]);
    expect([shown.approved, shown.shadow]).toEqual([33.33, 66.67]);
    expect(shown.approvedShare + shown.shadowShare).toBeCloseTo(1, 10);
  });
});
