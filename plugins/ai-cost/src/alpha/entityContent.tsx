import {
  coreExtensionData,
  createExtensionInput,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { isAiCostAvailable } from '../conditions';

/**
 * The "AI Cost" entity tab at `ai-cost`, shown for entities with an
 * `ai-cost/*` annotation and for groups, systems, domains and users.
 *
 * Cards such as budgets, anomalies or recommendations attach to its `cards`
 * input: `attachTo: { id: 'entity-content:ai-cost', input: 'cards' }`.
 * @alpha
 */
export const entityAiCostContent = EntityContentBlueprint.makeWithOverrides({
  inputs: {
    cards: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory(originalFactory, { inputs }) {
    return originalFactory({
      path: 'ai-cost',
      title: 'AI Cost',
      filter: isAiCostAvailable,
      loader: async () => {
        const { EntityAiCostContent } = await import(
          '../components/EntityAiCostContent'
        );
        const cards = inputs.cards.map(card =>
          card.get(coreExtensionData.reactElement),
        );
        return compatWrapper(<EntityAiCostContent cards={cards} />);
      },
    });
  },
});
