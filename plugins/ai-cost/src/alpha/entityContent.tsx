import {
  coreExtensionData,
  createExtensionInput,
} from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isAiCostAvailable } from '../conditions';

/**
 * The "AI Cost" entity tab at `ai-cost`, shown where `isAiCostAvailable`
 * says it applies.
 *
 * Its cards (budget status, recent anomalies, recommendations) attach to its
 * `cards` input: `attachTo: { id: 'entity-content:ai-cost', input: 'cards' }`.
 * Like on the overview, an `EntityCardBlueprint` card's `filter` decides
 * whether it shows for the entity, and `type: 'content'` makes it take the
 * full width (other cards take half of it).
 * @alpha
 */
export const entityAiCostContent = EntityContentBlueprint.makeWithOverrides({
  inputs: {
    cards: createExtensionInput([
      coreExtensionData.reactElement,
      EntityCardBlueprint.dataRefs.filterFunction.optional(),
      EntityCardBlueprint.dataRefs.type.optional(),
    ]),
  },
  factory(originalFactory, { inputs }) {
    return originalFactory({
      path: 'ai-cost',
      title: 'AI Cost',
      filter: isAiCostAvailable,
      loader: async () => {
        const { AiCostTab } = await import('../components/EntityAiCostContent');
        const cards = inputs.cards.map(card => ({
          element: card.get(coreExtensionData.reactElement),
          filter: card.get(EntityCardBlueprint.dataRefs.filterFunction),
          type: card.get(EntityCardBlueprint.dataRefs.type),
        }));
        return compatWrapper(<AiCostTab cards={cards} />);
      },
    });
  },
});
