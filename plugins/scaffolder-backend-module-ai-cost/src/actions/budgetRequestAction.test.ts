import { mockCredentials } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { setupServer } from 'msw/node';
import {
  aiCostApiDeps,
  aiCostHandlers,
  errorBody,
  type RecordedCall,
} from '../__testUtils__/aiCostDouble';
import { createBudgetRequestAction } from './budgetRequestAction';

const ALICE = 'user:default/alice';
const INPUT = {
  entityRef: 'component:default/search-api',
  amount: 1800,
  period: 'month' as const,
  businessCase: 'Semantic search rollout to all tenants',
};

describe('ai-cost:budget:request', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const action = createBudgetRequestAction(aiCostApiDeps());

  function context(input: object, isDryRun = false) {
    return {
      ...createMockActionContext({ input: input as any }),
      getInitiatorCredentials: async () => mockCredentials.user(ALICE),
      isDryRun,
    };
  }

  it('creates the request on behalf of the initiator and outputs its id and status', async () => {
    const calls: RecordedCall[] = [];
    server.use(
      ...aiCostHandlers(calls, () => ({
        status: 201,
        body: { id: 'req-1', status: 'pending' },
      })),
    );
    const ctx = context(INPUT);
    await action.handler(ctx as any);

    expect(calls).toEqual([
      {
        method: 'POST',
        path: '/budgets/requests',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.user(ALICE),
          targetPluginId: 'ai-cost',
        })}`,
        body: INPUT,
      },
    ]);
    expect(ctx.output).toHaveBeenCalledWith('id', 'req-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'pending');
    expect(ctx.output).toHaveBeenCalledWith(
      'link',
      '/catalog/default/component/search-api/ai-cost',
    );
  });

  it('fails the step with the backend refusal, e.g. a missing business case or a 403', async () => {
    server.use(
      ...aiCostHandlers([], () => ({
        status: 400,
        body: errorBody(
          'InputError',
          'businessCase: at least 50 characters are required for a budget above 5000 USD a month (got 0)',
          400,
        ),
      })),
    );
    await expect(
      action.handler(context({ ...INPUT, businessCase: undefined }) as any),
    ).rejects.toThrow(/businessCase: at least 50 characters are required/);

    server.use(
      ...aiCostHandlers([], () => ({
        status: 403,
        body: errorBody('NotAllowedError', 'Missing permission', 403),
      })),
    );
    await expect(action.handler(context(INPUT) as any)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 403,
      message:
        'AI Cost refused POST /budgets/requests (403): Missing permission',
    });
  });

  it('calls nothing on a dry run', async () => {
    const ctx = context(INPUT, true);
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('id', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith('status', 'dry-run');
  });

  it('declares its input: entity, positive amount, month or quarter', () => {
    const input = action.schema?.input as any;
    expect(input.required).toEqual(['entityRef', 'amount']);
    expect(input.properties.period.enum).toEqual(['month', 'quarter']);
    expect(input.properties.amount.exclusiveMinimum).toBe(0);
  });
});
