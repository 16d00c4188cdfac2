import { createRouteRef } from '@backstage/core-plugin-api';

/** The org-wide AI Cost page. @public */
export const rootRouteRef = createRouteRef({ id: 'ai-cost' });

/** The allocation page: coverage, virtual-tag and split rules. @public */
export const allocationRouteRef = createRouteRef({ id: 'ai-cost-allocation' });

/** The chargeback page: monthly statements, CSV and month close. @public */
export const chargebackRouteRef = createRouteRef({ id: 'ai-cost-chargeback' });

/** The plan page: a year of spend per team, actual and forecast. @public */
export const planRouteRef = createRouteRef({ id: 'ai-cost-plan' });

/** The subscriptions page: seats, cost per seat and active seats. @public */
export const subscriptionsRouteRef = createRouteRef({
  id: 'ai-cost-subscriptions',
});

/** The billed values page: every value seen in billing and who claims it. @public */
export const billedValuesRouteRef = createRouteRef({
  id: 'ai-cost-billed-values',
});
