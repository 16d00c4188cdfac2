import { ConfigReader } from '@backstage/config';
import { EntityGraph } from '../attribution/EntityGraph';
import {
  approversOf,
  checkBusinessCase,
  isAutoApproved,
  mayDecide,
} from './approvalRules';
import { readBudgetApprovalSettings } from './approvalSettings';

const graph = new EntityGraph([
  { entityRef: 'group:default/acme', kind: 'Group', partOf: [], childOf: [] },
  {
    entityRef: 'group:default/engineering',
    kind: 'Group',
    partOf: [],
    childOf: ['group:default/acme'],
  },
  {
    entityRef: 'group:default/search-team',
    kind: 'Group',
    partOf: [],
    childOf: ['group:default/engineering'],
  },
  {
    entityRef: 'component:default/search-api',
    kind: 'Component',
    ownerRef: 'group:default/search-team',
    partOf: [],
    childOf: [],
  },
  {
    entityRef: 'component:default/orphan',
    kind: 'Component',
    partOf: [],
    childOf: [],
  },
]);

describe('approversOf', () => {
  it('names the parent groups of the owner group and the configured approvers', () => {
    expect(
      approversOf(graph, 'component:default/search-api', [
        'group:default/finance',
      ]),
    ).toEqual(['group:default/engineering', 'group:default/finance']);
  });

  it("uses a group's own parents for a group's budget", () => {
    expect(approversOf(graph, 'group:default/engineering', [])).toEqual([
      'group:default/acme',
    ]);
  });

  it('has only the configured approvers for an entity without an owner group', () => {
    expect(approversOf(graph, 'component:default/orphan', [])).toEqual([]);
    expect(
      approversOf(graph, 'component:default/orphan', ['group:default/finance']),
    ).toEqual(['group:default/finance']);
  });
});

describe('mayDecide', () => {
  const approvers = ['group:default/engineering', 'user:default/cfo'];

  it('lets members of an approver group and named approvers decide', () => {
    expect(
      mayDecide({
        userRef: 'user:default/erin',
        requestedBy: 'user:default/alice',
        approvers,
        memberOf: ['group:default/engineering'],
      }),
    ).toBe(true);
    expect(
      mayDecide({
        userRef: 'user:default/cfo',
        requestedBy: 'user:default/alice',
        approvers,
        memberOf: [],
      }),
    ).toBe(true);
  });

  it('refuses the requester, even an approver, and non-members', () => {
    expect(
      mayDecide({
        userRef: 'user:default/erin',
        requestedBy: 'user:default/erin',
        approvers,
        memberOf: ['group:default/engineering'],
      }),
    ).toBe(false);
    expect(
      mayDecide({
        userRef: 'user:default/bob',
        requestedBy: 'user:default/alice',
        approvers,
        memberOf: ['group:default/search-team'],
      }),
    ).toBe(false);
  });
});

describe('isAutoApproved', () => {
  const settings = { autoApproveBelowMicros: 500_000_000 };

  it('approves monthly amounts strictly below the threshold', () => {
    expect(
      isAutoApproved({ amountMicros: 499_990_000, period: 'month' }, settings),
    ).toBe(true);
    expect(
      isAutoApproved({ amountMicros: 500_000_000, period: 'month' }, settings),
    ).toBe(false);
  });

  it('compares a quarterly amount per month', () => {
    // 1,200 a quarter is 400 a month.
    expect(
      isAutoApproved(
        { amountMicros: 1_200_000_000, period: 'quarter' },
        settings,
      ),
    ).toBe(true);
  });

  it('never auto-approves without a threshold', () => {
    expect(isAutoApproved({ amountMicros: 1, period: 'month' }, {})).toBe(
      false,
    );
  });
});

describe('checkBusinessCase', () => {
  const settings = {
    businessCaseAboveMicros: 2_000_000_000,
    businessCaseMinLength: 20,
  };

  it('needs no business case at or below the threshold', () => {
    expect(() =>
      checkBusinessCase(
        { amountMicros: 2_000_000_000, period: 'month' },
        settings,
        'USD',
      ),
    ).not.toThrow();
  });

  it('names businessCase when it is missing or too short above the threshold', () => {
    expect(() =>
      checkBusinessCase(
        { amountMicros: 2_500_000_000, period: 'month' },
        settings,
        'USD',
      ),
    ).toThrow(
      'businessCase: at least 20 characters are required for a budget above 2000 USD a month (got 0)',
    );
    expect(() =>
      checkBusinessCase(
        {
          amountMicros: 9_000_000_000,
          period: 'quarter',
          businessCase: '   too short    ',
        },
        settings,
        'USD',
      ),
    ).toThrow(/businessCase: .* \(got 9\)/);
  });

  it('accepts a long enough business case', () => {
    expect(() =>
      checkBusinessCase(
        {
          amountMicros: 2_500_000_000,
          period: 'month',
          businessCase: 'Launch of the EU assistant in January',
        },
        settings,
        'USD',
      ),
    ).not.toThrow();
  });
});

describe('readBudgetApprovalSettings', () => {
  it('reads approvers as lower-case group refs and amounts as micro-units', () => {
    expect(
      readBudgetApprovalSettings(
        new ConfigReader({
          aiCost: {
            budgets: {
              approval: {
                approvers: ['Finance', 'user:default/CFO'],
                autoApproveBelow: 100,
                businessCaseAbove: 5000.5,
                businessCaseMinLength: 80,
              },
            },
          },
        }),
      ),
    ).toEqual({
      approvers: ['group:default/finance', 'user:default/cfo'],
      autoApproveBelowMicros: 100_000_000,
      businessCaseAboveMicros: 5_000_500_000,
      businessCaseMinLength: 80,
    });
  });

  it('defaults to no thresholds and no configured approvers', () => {
    expect(readBudgetApprovalSettings(new ConfigReader({}))).toEqual({
      approvers: [],
      autoApproveBelowMicros: undefined,
      businessCaseAboveMicros: undefined,
      businessCaseMinLength: 50,
    });
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readBudgetApprovalSettings(
        new ConfigReader({
          aiCost: { budgets: { approval: { autoApproveBelow: -1 } } },
        }),
      ),
    ).toThrow(
      'aiCost.budgets.approval.autoApproveBelow must be a number of at least 0',
    );
  });
});
