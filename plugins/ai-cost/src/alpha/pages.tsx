import {
  coreExtensionData,
  createExtensionInput,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import MoneyIcon from '@material-ui/icons/MonetizationOn';
import { rootRouteRef } from '../routes';

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
