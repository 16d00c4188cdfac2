import {
  coreExtensionData,
  createExtensionInput,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import {
  allocationRouteRef,
  billedValuesRouteRef,
  chargebackRouteRef,
  planRouteRef,
  rootRouteRef,
  subscriptionsRouteRef,
} from '../routes';

/**
 * The org-wide page at `/ai-cost`, with its nav item. It renders its own
 * header. Cards such as a budgets table attach to its `cards` input:
 * `attachTo: { id: 'page:ai-cost', input: 'cards' }`.
 * @alpha
 */
export const aiCostPage = PageBlueprint.makeWithOverrides({
  inputs: {
    cards: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory(originalFactory, { inputs }) {
    return originalFactory({
      path: '/ai-cost',
      title: 'AI Cost',
      icon: <MoneyIcon />,
      routeRef: rootRouteRef,
      noHeader: true,
      loader: async () => {
        const { AiCostPage } = await import('../components/AiCostPage');
        const cards = inputs.cards.map(card =>
          card.get(coreExtensionData.reactElement),
        );
        return compatWrapper(<AiCostPage cards={cards} />);
      },
    });
  },
});

/**
 * The allocation page at `/ai-cost/allocation`: coverage against the
 * chargeback threshold, and the virtual-tag and split rules with a
 * previewing editor. It renders its own header.
 * @alpha
 */
export const aiCostAllocationPage = PageBlueprint.make({
  name: 'allocation',
  params: {
    path: '/ai-cost/allocation',
    title: 'AI allocation',
    routeRef: allocationRouteRef,
    noHeader: true,
    loader: async () => {
      const { AllocationPage } = await import('../components/AllocationPage');
      return compatWrapper(<AllocationPage />);
    },
  },
});

/**
 * The chargeback page at `/ai-cost/chargeback`: a month's statement per
 * owning group with cost centres and adjustments, its CSV, and month close
 * for admins. It renders its own header.
 * @alpha
 */
export const aiCostChargebackPage = PageBlueprint.make({
  name: 'chargeback',
  params: {
    path: '/ai-cost/chargeback',
    title: 'AI chargeback',
    routeRef: chargebackRouteRef,
    noHeader: true,
    loader: async () => {
      const { ChargebackPage } = await import('../components/ChargebackPage');
      return compatWrapper(<ChargebackPage />);
    },
  },
});

/**
 * The plan page at `/ai-cost/plan`: a year of AI spend per team, actual
 * months and forecasts with their range, budgets and totals, and its CSV.
 * It renders its own header.
 * @alpha
 */
export const aiCostPlanPage = PageBlueprint.make({
  name: 'plan',
  params: {
    path: '/ai-cost/plan',
    title: 'AI spend plan',
    routeRef: planRouteRef,
    noHeader: true,
    loader: async () => {
      const { PlanPage } = await import('../components/PlanPage');
      return compatWrapper(<PlanPage />);
    },
  },
});

/**
 * The billed values page at `/ai-cost/billed-values` ("why is this $0?"):
 * every value seen in billing with its spend and who claims it, and a check
 * of a `catalog-info.yaml` before it is merged. It renders its own header.
 * @alpha
 */
export const aiCostBilledValuesPage = PageBlueprint.make({
  name: 'billed-values',
  params: {
    path: '/ai-cost/billed-values',
    title: 'AI billed values',
    routeRef: billedValuesRouteRef,
    noHeader: true,
    loader: async () => {
      const { BilledValuesPage } = await import(
        '../components/BilledValuesPage'
      );
      return compatWrapper(<BilledValuesPage />);
    },
  },
});

/**
 * The subscriptions page at `/ai-cost/subscriptions`: seat and flat-fee
 * subscriptions with cost per seat and per active seat, and an editor for
 * the portal's. It renders its own header.
 * @alpha
 */
export const aiCostSubscriptionsPage = PageBlueprint.make({
  name: 'subscriptions',
  params: {
    path: '/ai-cost/subscriptions',
    title: 'AI subscriptions',
    routeRef: subscriptionsRouteRef,
    noHeader: true,
    loader: async () => {
      const { SubscriptionsPage } = await import(
        '../components/SubscriptionsPage'
      );
      return compatWrapper(<SubscriptionsPage />);
    },
  },
});
