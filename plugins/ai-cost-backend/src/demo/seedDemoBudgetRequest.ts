import type { BudgetRequestStore } from '../database/BudgetRequestStore';

/** The id of the demo's pending budget request. */
export const DEMO_BUDGET_REQUEST_ID = 'demo-support-bot-budget';

/**
 * Seeds one pending budget request for the demo portal: Carol of the
 * assistant team asks for more for the support bot. Stored once; a restart
 * or another replica leaves it (and its decision) as it is.
 */
export async function seedDemoBudgetRequest(
  store: Pick<BudgetRequestStore, 'createRequest'>,
  now: Date,
): Promise<void> {
  await store.createRequest({
    id: DEMO_BUDGET_REQUEST_ID,
    entityRef: 'component:default/support-bot',
    amountMicros: 3_200_000_000,
    currency: 'USD',
    period: 'month',
    scope: null,
    businessCase:
      'The support bot now answers billing questions too: ticket volume is up 30% since the launch, and each resolved ticket saves about $4 of agent time.',
    status: 'pending',
    requestedBy: 'user:default/carol',
    requestedAt: now.toISOString(),
    decidedBy: null,
    decidedAt: null,
    comment: null,
    autoApproved: false,
  });
}
