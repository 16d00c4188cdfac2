import type { BudgetApprovalRequest } from '@ai-cost/plugin-ai-cost-common';

/** A pending budget request of support-bot, which the viewer may decide. */
export function makeBudgetApprovalRequest(
  overrides: Partial<BudgetApprovalRequest> = {},
): BudgetApprovalRequest {
  return {
    id: 'req-1',
    entityRef: 'component:default/support-bot',
    amount: 3200,
    currency: 'USD',
    period: 'month',
    scope: null,
    businessCase: 'Ticket volume is up 30% since the billing launch',
    status: 'pending',
    requestedBy: 'user:default/carol',
    requestedAt: '2026-11-20T09:15:00.000Z',
    decidedBy: null,
    decidedAt: null,
    comment: null,
    autoApproved: false,
    canDecide: true,
    ...overrides,
  };
}
