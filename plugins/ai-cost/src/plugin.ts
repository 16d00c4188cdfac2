import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { aiCostApiRef, AiCostClient } from './api';
import type { AiCostPageProps } from './components/AiCostPage';
import type { EntityAiCostContentProps } from './components/EntityAiCostContent';
import type { EntityAnomaliesCardProps } from './components/AnomaliesCard';
import type { AiCostAllocationPageProps } from './components/AllocationPage';
import type { AiCostChargebackPageProps } from './components/ChargebackPage';
import type { AiCostPlanPageProps } from './components/PlanPage';
import type { AiCostBilledValuesPageProps } from './components/BilledValuesPage';
import type { AiCostSubscriptionsPageProps } from './components/SubscriptionsPage';
import {
  allocationRouteRef,
  billedValuesRouteRef,
  chargebackRouteRef,
  planRouteRef,
  rootRouteRef,
  subscriptionsRouteRef,
} from './routes';

/**
 * The AI Cost frontend plugin for apps on the legacy frontend system.
 * @public
 */
export const aiCostPlugin = createPlugin({
  id: 'ai-cost',
  apis: [
    createApiFactory({
      api: aiCostApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new AiCostClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: {
    root: rootRouteRef,
    allocation: allocationRouteRef,
    chargeback: chargebackRouteRef,
    plan: planRouteRef,
    billedValues: billedValuesRouteRef,
    subscriptions: subscriptionsRouteRef,
  },
});

/** The org-wide AI Cost page, for `<Route path="/ai-cost" element={<AiCostPage />} />`. @public */
export const AiCostPage: (props: AiCostPageProps) => JSX.Element =
  aiCostPlugin.provide(
    createRoutableExtension({
      name: 'AiCostPage',
      component: () =>
        import('./components/AiCostPage').then(m => m.AiCostPage),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The allocation page for admins and FinOps: coverage against the chargeback
 * threshold and the virtual-tag and split rules with a previewing editor, for
 * `<Route path="/ai-cost/allocation" element={<AiCostAllocationPage />} />`.
 * @public
 */
export const AiCostAllocationPage: (
  props: AiCostAllocationPageProps,
) => JSX.Element = aiCostPlugin.provide(
  createRoutableExtension({
    name: 'AiCostAllocationPage',
    component: () =>
      import('./components/AllocationPage').then(m => m.AllocationPage),
    mountPoint: allocationRouteRef,
  }),
);

/**
 * The chargeback page for finance: a month's statement per owning group
 * with cost centres and adjustments, its CSV, and month close for admins,
 * for `<Route path="/ai-cost/chargeback" element={<AiCostChargebackPage />} />`.
 * @public
 */
export const AiCostChargebackPage: (
  props: AiCostChargebackPageProps,
) => JSX.Element = aiCostPlugin.provide(
  createRoutableExtension({
    name: 'AiCostChargebackPage',
    component: () =>
      import('./components/ChargebackPage').then(m => m.ChargebackPage),
    mountPoint: chargebackRouteRef,
  }),
);

/**
 * The plan page for finance and team leads: a year of AI spend per team,
 * actual months and forecasts with their range, budgets and totals, its CSV,
 * for `<Route path="/ai-cost/plan" element={<AiCostPlanPage />} />`.
 * @public
 */
export const AiCostPlanPage: (props: AiCostPlanPageProps) => JSX.Element =
  aiCostPlugin.provide(
    createRoutableExtension({
      name: 'AiCostPlanPage',
      component: () => import('./components/PlanPage').then(m => m.PlanPage),
      mountPoint: planRouteRef,
    }),
  );

/**
 * The billed values page ("why is this $0?"): every project, key,
 * workspace, account and tag seen in billing with its spend and who claims
 * it, a `catalog-info.yaml` snippet for unclaimed ones and a check of a
 * `catalog-info.yaml` before it is merged, for
 * `<Route path="/ai-cost/billed-values" element={<AiCostBilledValuesPage />} />`.
 * @public
 */
export const AiCostBilledValuesPage: (
  props: AiCostBilledValuesPageProps,
) => JSX.Element = aiCostPlugin.provide(
  createRoutableExtension({
    name: 'AiCostBilledValuesPage',
    component: () =>
      import('./components/BilledValuesPage').then(m => m.BilledValuesPage),
    mountPoint: billedValuesRouteRef,
  }),
);

/**
 * The subscriptions page for admins and FinOps: seat and flat-fee
 * subscriptions with cost per seat and per active seat, and an editor for
 * the portal's, for
 * `<Route path="/ai-cost/subscriptions" element={<AiCostSubscriptionsPage />} />`.
 * @public
 */
export const AiCostSubscriptionsPage: (
  props: AiCostSubscriptionsPageProps,
) => JSX.Element = aiCostPlugin.provide(
  createRoutableExtension({
    name: 'AiCostSubscriptionsPage',
    component: () =>
      import('./components/SubscriptionsPage').then(m => m.SubscriptionsPage),
    mountPoint: subscriptionsRouteRef,
  }),
);

/**
 * The "AI Cost" entity tab, for
 * `<EntityLayout.Route path="/ai-cost" title="AI Cost" if={isAiCostAvailable}>`.
 * @public
 */
export const EntityAiCostContent: (
  props: EntityAiCostContentProps,
) => JSX.Element = aiCostPlugin.provide(
  createComponentExtension({
    name: 'EntityAiCostContent',
    component: {
      lazy: () =>
        import('./components/EntityAiCostContent').then(
          m => m.EntityAiCostContent,
        ),
    },
  }),
);

/**
 * The budget status card of the current entity, with the budget editor for
 * those allowed `ai-cost.budget.update` on it. For the overview page:
 * `<EntitySwitch.Case if={isAiCostAvailable}><EntityAiCostBudgetCard /></EntitySwitch.Case>`.
 * @public
 */
export const EntityAiCostBudgetCard: () => JSX.Element = aiCostPlugin.provide(
  createComponentExtension({
    name: 'EntityAiCostBudgetCard',
    component: {
      lazy: () =>
        import('./components/BudgetStatusCard').then(
          m => m.EntityBudgetStatusCard,
        ),
    },
  }),
);

/**
 * The recent spend anomalies of the current entity and its descendants,
 * with feedback buttons.
 * @public
 */
export const EntityAiCostAnomaliesCard: (
  props: EntityAnomaliesCardProps,
) => JSX.Element = aiCostPlugin.provide(
  createComponentExtension({
    name: 'EntityAiCostAnomaliesCard',
    component: {
      lazy: () =>
        import('./components/AnomaliesCard').then(m => m.EntityAnomaliesCard),
    },
  }),
);

/**
 * The optimization recommendations of the current entity and its
 * descendants, with dismiss and snooze.
 * @public
 */
export const EntityAiCostRecommendationsCard: (props: {
  now?: () => Date;
}) => JSX.Element = aiCostPlugin.provide(
  createComponentExtension({
    name: 'EntityAiCostRecommendationsCard',
    component: {
      lazy: () =>
        import('./components/RecommendationsCard').then(
          m => m.EntityRecommendationsCard,
        ),
    },
  }),
);
