import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import {
  aiCostApiDeps,
  aiCostHandlers,
  errorBody,
  type RecordedCall,
} from '../__testUtils__/aiCostDouble';
import { createSetBudgetAction } from './setBudgetAction';

const ALICE = 'user:default/alice';
const SEARCH_API = 'component:default/search-api';

describe('ai-cost:budget:set', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createSetBudgetAction(aiCostApiDeps());

  function context(input: object, isDryRun = false) {
    return {
      ...createMockActionContext({ input: input as any }),
      getInitiatorCredentials: async () => mockCredentials.user(ALICE),
      isDryRun,
    };
  }

  it('sets the budget as the initiator and outputs what is in force', async () => {
    const calls: RecordedCall[] = [];
    server.use(
      ...aiCostHandlers(calls, () => ({
        status: 200,
        body: {
          entityRef: SEARCH_API,
          amount: 4500,
          currency: 'USD',
          period: 'quarter',
          thresholds: [0.8, 1],
          source: 'portal',
          updatedBy: ALICE,
        },
      })),
    );
    const ctx = context({
      entityRef: SEARCH_API,
      amount: 4500,
      period: 'quarter',
      thresholds: [0.8, 1],
    });
    await action.handler(ctx as any);
    expect(calls).toEqual([
      {
        method: 'PUT',
        path: '/budgets?entityRef=component%3Adefault%2Fsearch-api',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.user(ALICE),
          targetPluginId: 'ai-cost',
        })}`,
        body: { amount: 4500, period: 'quarter', thresholds: [0.8, 1] },
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('amount', 4500);
    expect(ctx.output).toHaveBeenCalledWith('period', 'quarter');
  });

  it('fails the step when the initiator may not set the budget (403)', async () => {
    server.use(
      ...aiCostHandlers([], () => ({
        status: 403,
        body: errorBody(
          'NotAllowedError',
          `Missing permission ai-cost.budget.update on ${SEARCH_API}`,
          403,
        ),
      })),
    );
    await expect(
      action.handler(
        context({ entityRef: SEARCH_API, amount: 10, period: 'month' }) as any,
      ),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      message: `AI Cost refused PUT /budgets?entityRef=component%3Adefault%2Fsearch-api (403): Missing permission ai-cost.budget.update on ${SEARCH_API}`,
    });
  });

  it('passes bad input refused by the backend through (400 naming the field)', async () => {
    server.use(
      ...aiCostHandlers([], () => ({
        status: 400,
        body: errorBody('InputError', 'thresholds.0: must be <= 10', 400),
      })),
    );
    await expect(
      action.handler(
        context({
          entityRef: SEARCH_API,
          amount: 10,
          period: 'month',
          thresholds: [50],
        }) as any,
      ),
    ).rejects.toThrow(/\(400\): thresholds.0: must be <= 10$/);
  });

  it('changes nothing on a dry run', async () => {
    const ctx = context(
      { entityRef: SEARCH_API, amount: 10, period: 'month' },
      true,
    );
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('amount', 10);
  });
});
