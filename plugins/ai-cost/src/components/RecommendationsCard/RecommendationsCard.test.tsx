import { alertApiRef } from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { aiCostApiRef, type AiCostApi } from '../../api';
import {
  componentEntity,
  makeFakeApi,
  makeRecommendation,
  makeRecommendations,
  makeResponseError,
  now,
} from '../../__testUtils__/fixtures';
import {
  makeAlertApi,
  makePermissionApi,
} from '../../__testUtils__/permissions';
import { EntityRecommendationsCard } from './EntityRecommendationsCard';
import { RecommendationsCard } from './RecommendationsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

async function renderEntityCard(
  api: AiCostApi,
  permissionApi = makePermissionApi(),
) {
  const alertApi = makeAlertApi();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [aiCostApiRef, api],
        [alertApiRef, alertApi],
        [permissionApiRef, permissionApi],
      ]}
    >
      <EntityProvider entity={componentEntity}>
        <EntityRecommendationsCard now={now} />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
  return { alertApi };
}

function item(title: string) {
  return screen.getByRole('listitem', { name: title });
}

/** Waits for a dialog to close (the rest of the page is hidden while it does). */
async function dialogClosed() {
  await waitFor(() =>
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
  );
}

function titles() {
  return within(screen.getByRole('list', { name: 'Recommendations' }))
    .getAllByRole('listitem')
    .map(li => li.getAttribute('aria-label'));
}

const RIGHT_SIZING = 'Move short gpt-4o calls to gpt-4o-mini';
const CACHING = 'Cache the repeated system prompt';

/** A promise the test resolves or rejects when it wants. */
function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('RecommendationsCard', () => {
  it('lists open recommendations with evidence, saving and confidence', async () => {
    const api = makeFakeApi();
    await renderEntityCard(api);
    expect(await screen.findByText(RIGHT_SIZING)).toBeInTheDocument();
    expect(api.listRecommendations).toHaveBeenCalledWith({
      entityRef: 'component:default/query-rewriter',
      status: 'open',
      limit: 500,
    });
    expect(
      screen.getByText('Estimated savings:').parentElement,
    ).toHaveTextContent('Estimated savings: $508.80 a month');
    const first = item(RIGHT_SIZING);
    expect(within(first).getByText('High confidence')).toBeInTheDocument();
    expect(within(first).getByText('Model right-sizing')).toBeInTheDocument();
    expect(first).toHaveTextContent('Saves about $412.50 a month');
    const evidence = within(first).getByLabelText(
      `Evidence for ${RIGHT_SIZING}`,
    );
    expect(
      [...evidence.querySelectorAll('dt')].map(
        dt => `${dt.textContent}=${dt.nextElementSibling!.textContent}`,
      ),
    ).toEqual([
      'Model=openai/gpt-4o',
      'Requests=120,000',
      'Avg input tokens=310',
      'Avg output tokens=42.5',
    ]);
    expect(item(CACHING)).toHaveTextContent('Medium confidence');
    expect(item(CACHING)).toHaveTextContent('Cache read share0.04');
    // Both are about the entity itself: no entity links.
    expect(within(first).queryByRole('link')).not.toBeInTheDocument();
  });

  it('dismisses with a required reason, at once', async () => {
    const dismissal = deferred();
    const api = makeFakeApi({
      dismissRecommendation: jest.fn(() => dismissal.promise),
    });
    await renderEntityCard(api);
    await screen.findByText(RIGHT_SIZING);
    await userEvent.click(
      screen.getByRole('button', { name: `Dismiss ${RIGHT_SIZING}` }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'Dismiss recommendation',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Dismiss' }),
    );
    expect(
      within(dialog).getByText(
        'Say why, so others know whether it still applies',
      ),
    ).toBeInTheDocument();
    expect(api.dismissRecommendation).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      '  We need gpt-4o quality ',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Dismiss' }),
    );
    expect(api.dismissRecommendation).toHaveBeenCalledWith('rec-1', {
      reason: 'We need gpt-4o quality',
    });
    await dialogClosed();
    // Optimistic: gone before the server answers, and the total follows.
    expect(titles()).toEqual([CACHING]);
    expect(
      screen.getByText('Estimated savings:').parentElement,
    ).toHaveTextContent('Estimated savings: $96.30 a month');
    dismissal.resolve();
    await waitFor(() => expect(titles()).toEqual([CACHING]));
  });

  it('brings a dismissed recommendation back when the server refuses', async () => {
    const api = makeFakeApi({
      dismissRecommendation: jest
        .fn()
        .mockRejectedValue(
          await makeResponseError(400, 'InputError', 'reason: must say why'),
        ),
    });
    const { alertApi } = await renderEntityCard(api);
    await screen.findByText(RIGHT_SIZING);
    await userEvent.click(
      screen.getByRole('button', { name: `Dismiss ${RIGHT_SIZING}` }),
    );
    await userEvent.type(screen.getByLabelText(/Reason/), 'Not now');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: `Could not dismiss “${RIGHT_SIZING}”: reason: must say why`,
        severity: 'error',
      }),
    );
    await dialogClosed();
    expect(titles()).toEqual([RIGHT_SIZING, CACHING]);
    expect(
      screen.getByText('Estimated savings:').parentElement,
    ).toHaveTextContent('$508.80 a month');
  });

  it('snoozes until a day, with an optional reason', async () => {
    const api = makeFakeApi();
    await renderEntityCard(api);
    await screen.findByText(RIGHT_SIZING);

    await userEvent.click(
      screen.getByRole('button', { name: `Snooze ${CACHING}` }),
    );
    let dialog = screen.getByRole('dialog', { name: 'Snooze recommendation' });
    // Thirty days from today (Nov 22) by default.
    expect(within(dialog).getByLabelText(/Snooze until/)).toHaveValue(
      '2026-12-22',
    );
    expect(within(dialog).getByText('Reopens on Dec 23, 2026')).toBeVisible();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Snooze' }),
    );
    expect(api.snoozeRecommendation).toHaveBeenLastCalledWith('rec-2', {
      until: '2026-12-22',
    });
    await dialogClosed();
    expect(titles()).toEqual([RIGHT_SIZING]);

    await userEvent.click(
      screen.getByRole('button', { name: `Snooze ${RIGHT_SIZING}` }),
    );
    dialog = screen.getByRole('dialog', { name: 'Snooze recommendation' });
    const until = within(dialog).getByLabelText(/Snooze until/);
    await userEvent.clear(until);
    await userEvent.type(until, '2026-11-22');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Snooze' }),
    );
    expect(within(dialog).getByText('Pick a day after today')).toBeVisible();

    await userEvent.clear(until);
    await userEvent.type(until, '2026-12-31');
    await userEvent.type(
      within(dialog).getByLabelText('Reason (optional)'),
      'After the launch',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Snooze' }),
    );
    expect(api.snoozeRecommendation).toHaveBeenLastCalledWith('rec-1', {
      until: '2026-12-31',
      reason: 'After the launch',
    });
    expect(api.snoozeRecommendation).toHaveBeenCalledTimes(2);
    expect(await screen.findByText(/^No open recommendations\./)).toBeVisible();
  });

  it('shows snoozed ones with their decision and reopens them', async () => {
    const snoozed = makeRecommendation({
      status: 'snoozed',
      snoozedUntil: '2026-12-31',
      decidedBy: 'user:default/guest',
      decisionReason: 'After the launch',
    });
    const api = makeFakeApi();
    api.listRecommendations.mockImplementation(async request =>
      request?.status === 'snoozed'
        ? makeRecommendations({
            totalEstimatedMonthlySavings: 0,
            items: [snoozed],
          })
        : makeRecommendations(),
    );
    await renderEntityCard(api);
    await screen.findByText(RIGHT_SIZING);
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'snoozed');
    await waitFor(() =>
      expect(api.listRecommendations).toHaveBeenLastCalledWith({
        entityRef: 'component:default/query-rewriter',
        status: 'snoozed',
        limit: 500,
      }),
    );
    expect(
      await screen.findByText(
        'Snoozed until Dec 31, 2026 by guest: After the launch',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: `Reopen ${RIGHT_SIZING}` }),
    );
    expect(api.reopenRecommendation).toHaveBeenCalledWith('rec-1');
    expect(
      await screen.findByText('No snoozed recommendations.'),
    ).toBeVisible();
  });

  it('shows who decided once the server answers', async () => {
    const api = makeFakeApi();
    api.listRecommendations.mockResolvedValue(makeRecommendations());
    await renderEntityCard(api);
    await screen.findByText(RIGHT_SIZING);
    await userEvent.selectOptions(screen.getByLabelText('Show'), 'all');
    await userEvent.click(
      await screen.findByRole('button', { name: `Dismiss ${CACHING}` }),
    );
    await userEvent.type(screen.getByLabelText(/Reason/), 'Prompts vary');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(
      await screen.findByText('Dismissed by guest: Prompts vary'),
    ).toBeInTheDocument();
    await dialogClosed();
    expect(
      screen.getByRole('button', { name: `Reopen ${CACHING}` }),
    ).toBeInTheDocument();
    // Only the first one is still open.
    expect(
      screen.getByText('Estimated savings:').parentElement,
    ).toHaveTextContent('Estimated savings: $412.50 a month');
  });

  it('says which days the figures cover, apart from the picked period', async () => {
    const ownerless = makeRecommendation({
      id: 'rec-11',
      entityRef: '',
      rule: 'ownerless-spend',
      title: '$867.52 of openai spend has no owner (projectId proj_x)',
      estimatedMonthlySavings: 0,
      evidence: {
        unallocatedCost: 867.52,
        windowFrom: '2026-11-03',
        windowTo: '2026-12-02',
      },
      window: { from: '2026-11-03', to: '2026-12-02' },
    });
    const legacy = makeRecommendation({ id: 'rec-12', window: null });
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest.fn().mockResolvedValue(
          makeRecommendations({
            totalEstimatedMonthlySavings: 412.5,
            items: [ownerless, legacy],
          }),
        ),
      }),
    );
    const found = await screen.findByRole('listitem', {
      name: ownerless.title,
    });
    expect(
      within(found).getByText(
        "Figures over 30 days, Nov 3 – Dec 2, 2026 (the rule's own window, not the period picked)",
      ),
    ).toBeInTheDocument();
    // The window is that line, not two more evidence figures.
    expect(
      within(
        within(found).getByLabelText(`Evidence for ${ownerless.title}`),
      ).queryByText('Window from'),
    ).not.toBeInTheDocument();
    expect(
      within(item(RIGHT_SIZING)).queryByText(/^Figures over/),
    ).not.toBeInTheDocument();
  });

  it('formats money in the evidence and folds long evidence', async () => {
    const batch = makeRecommendation({
      id: 'rec-9',
      rule: 'batch-api',
      title: 'Move non-interactive claude-haiku-4-5 traffic to the Batch API',
      estimatedMonthlySavings: 229.9385,
      evidence: {
        provider: 'anthropic',
        model: 'claude-haiku-4-5',
        costLast30Days: 919.754,
        requests: 836140,
        avgDailyCost: 30.658467,
        coefficientOfVariation: 0.055,
        weekendToWeekdayRatio: 1.042,
        batchDiscount: 0.5,
      },
    });
    const ownerless = makeRecommendation({
      id: 'rec-10',
      entityRef: 'component:default/query-rewriter',
      rule: 'ownerless-spend',
      title: 'Claim proj_experiments',
      estimatedMonthlySavings: 0,
      evidence: {},
    });
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest.fn().mockResolvedValue(
          makeRecommendations({
            totalEstimatedMonthlySavings: 229.9385,
            items: [batch, ownerless],
          }),
        ),
      }),
    );
    const evidence = await screen.findByLabelText(
      `Evidence for ${batch.title}`,
    );
    const pairs = () =>
      [...evidence.querySelectorAll('dt')].map(
        dt => `${dt.textContent}=${dt.nextElementSibling!.textContent}`,
      );
    expect(pairs()).toEqual([
      'Provider=anthropic',
      'Model=claude-haiku-4-5',
      'Cost last 30 days=$919.75',
      'Requests=836,140',
      'Avg daily cost=$30.66',
      'Coefficient of variation=0.055',
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 8 figures' }),
    );
    expect(pairs()).toHaveLength(8);
    expect(pairs()[7]).toBe('Batch discount=0.5');
    expect(item(batch.title)).toHaveTextContent('Saves about $229.94 a month');
    expect(item(ownerless.title)).toHaveTextContent(
      'No direct saving estimated',
    );
  });

  it('shows the first five, and all on request', async () => {
    const items = Array.from({ length: 7 }, (_, i) =>
      makeRecommendation({ id: `rec-${i}`, title: `Recommendation ${i + 1}` }),
    );
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest
          .fn()
          .mockResolvedValue(makeRecommendations({ items })),
      }),
    );
    await screen.findByText('Recommendation 1');
    expect(titles()).toEqual([
      'Recommendation 1',
      'Recommendation 2',
      'Recommendation 3',
      'Recommendation 4',
      'Recommendation 5',
    ]);
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 7 recommendations' }),
    );
    expect(titles()).toHaveLength(7);
  });

  it('says "no recommendations yet" when the backend has none (404)', async () => {
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(404, 'NotFoundError', 'Not found'),
          ),
      }),
    );
    expect(await screen.findByText(/^No recommendations yet\./)).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows other errors', async () => {
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest
          .fn()
          .mockRejectedValue(
            await makeResponseError(500, 'Error', 'database is locked'),
          ),
      }),
    );
    expect(
      await screen.findByText(
        'Could not load the recommendations: database is locked',
      ),
    ).toBeVisible();
  });

  it('shows progress while loading', async () => {
    await renderEntityCard(
      makeFakeApi({
        listRecommendations: jest.fn(() => new Promise(() => {})),
      }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });
});

describe('RecommendationsCard on the org page', () => {
  it('shows every entity’s recommendations with their entity and the total', async () => {
    const api = makeFakeApi({
      listRecommendations: jest.fn().mockResolvedValue(
        makeRecommendations({
          totalEstimatedMonthlySavings: 1020.8,
          items: [
            ...makeRecommendations().items,
            makeRecommendation({
              id: 'rec-3',
              entityRef: '',
              rule: 'ownerless-spend',
              title: 'Claim the spend of OpenAI project proj_orphan',
              estimatedMonthlySavings: 512,
              confidence: 'low',
              evidence: { project: 'proj_orphan', monthlySpend: 1012.45 },
            }),
          ],
        }),
      ),
    });
    const permissionApi = makePermissionApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [aiCostApiRef, api],
          [permissionApiRef, permissionApi],
        ]}
      >
        <RecommendationsCard forbidden={<div>Org read needed</div>} now={now} />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Claim the spend of OpenAI project proj_orphan'),
    ).toBeInTheDocument();
    expect(api.listRecommendations).toHaveBeenCalledWith({
      entityRef: undefined,
      status: 'open',
      limit: 500,
    });
    expect(
      screen.getByText('Estimated savings:').parentElement,
    ).toHaveTextContent('Estimated savings: $1,020.80 a month');
    expect(
      within(item(RIGHT_SIZING)).getByRole('link', { name: /query-rewriter/ }),
    ).toBeInTheDocument();
    expect(
      item('Claim the spend of OpenAI project proj_orphan'),
    ).toHaveTextContent('Organization-wide');
  });

  it('shows the forbidden element on 403', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [
            aiCostApiRef,
            makeFakeApi({
              listRecommendations: jest
                .fn()
                .mockRejectedValue(
                  await makeResponseError(
                    403,
                    'NotAllowedError',
                    'Missing permission ai-cost.org.read',
                  ),
                ),
            }),
          ],
        ]}
      >
        <RecommendationsCard forbidden={<div>Org read needed</div>} />
      </TestApiProvider>,
    );
    expect(await screen.findByText('Org read needed')).toBeInTheDocument();
  });
});
