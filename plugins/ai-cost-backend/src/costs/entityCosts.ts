import {
  microsToNumber as money,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { PricingService, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AllocationPolicy } from '../allocation';
import type { CatalogIndex } from '../attribution/CatalogIndex';
import type { AttributedSpendReader } from './AttributedSpendCache';
import { sumCost } from './amounts';
import {
  byApiKey,
  byModel,
  byProvider,
  byTokenType,
  dailyByModel,
  modelTotals,
} from './breakdowns';
import { childBreakdown, childTotalsOutsideSubtree } from './childBreakdown';
import { entityClaims } from './entityClaims';
import { historyFrom } from './historyFrom';
import { previousWindow } from './previousWindow';
import { byCategory } from './spendCategory';
import { splitRuleTotals } from './splitRuleTotals';
import { byTag, sharedCosts } from './tagBreakdowns';
import { costTotals, dailyTotals } from './totals';
import { subtreeVisibility, type VisibilityCheck } from './visibility';

/**
 * Spend of one entity and its descendants (DESIGN §3 `GET /costs`). Totals,
 * the daily series and `byChild` cover the whole subtree; the breakdowns by
 * provider, model, key and token type cover only what the caller may see,
 * the rest is one `hiddenDescendants` line, so they still sum to the total.
 */
export async function entityCosts(options: {
  store: AttributedSpendReader;
  index: CatalogIndex;
  pricing: PricingService;
  currency: string;
  tagKeys: string[];
  /** The allocation rules in force, to name the split rule of a claim. */
  policy: AllocationPolicy;
  demoSources: Set<string>;
  entity: { entityRef: string; kind: string; title?: string };
  window: UsageWindow;
  visible: VisibilityCheck;
}): Promise<EntityCostsResponse> {
  const { store, index, entity, window } = options;
  const self = entity.entityRef;
  const subtree = [self, ...index.graph.descendants(self)];

  const [perEntity, perDaySource, previous, starts] = await Promise.all([
    store.sumAttributed({
      window,
      entityRefs: subtree,
      groupBy: ['entityRef'],
    }),
    store.sumAttributed({
      window,
      entityRefs: subtree,
      groupBy: ['date', 'sourceId'],
    }),
    store.sumAttributed({
      window: previousWindow(window),
      entityRefs: subtree,
      groupBy: ['sourceId'],
    }),
    store.historyStarts(),
  ]);
  const costOf = new Map(perEntity.map(row => [row.entityRef, row.cost]));
  const { shown, hidden, visibleChildren } = await subtreeVisibility({
    entityRef: self,
    children: index.graph.children(self),
    spenders: costOf.keys(),
    visible: options.visible,
  });
  const [perDayModel, perKey, perTags, perRule, outside, perCategory] =
    await Promise.all([
      store.sumAttributed({
        window,
        entityRefs: shown,
        groupBy: ['date', 'provider', 'model', 'modelProvider'],
      }),
      store.sumAttributed({
        window,
        entityRefs: shown,
        groupBy: ['provider', 'apiKeyId'],
      }),
      store.sumAttributed({
        window,
        entityRefs: shown,
        groupBy: ['allocationTags'],
      }),
      store.sumAttributed({
        window,
        entityRefs: shown,
        groupBy: ['splitRuleId', 'splitMethod'],
      }),
      store.sumAttributed({
        window,
        entityRefs: childTotalsOutsideSubtree(
          index.graph,
          self,
          new Set(subtree),
        ),
        groupBy: ['entityRef'],
      }),
      store.sumAttributed({
        window,
        entityRefs: shown,
        groupBy: ['category', 'provider', 'modelProvider'],
      }),
    ]);

  const own = costOf.get(self) ?? 0;
  const { total, estimatedCost } = costTotals(perEntity);
  const models = modelTotals(perDayModel);
  return {
    entityRef: self,
    kind: entity.kind,
    ...(entity.title ? { title: entity.title } : {}),
    currency: options.currency,
    from: window.from,
    to: window.to,
    total,
    own: { cost: money(own) },
    viaChildren: { cost: money(sumCost(perEntity) - own) },
    estimatedCost,
    ...dailyTotals(window, perDaySource, options.demoSources),
    previousPeriod: {
      ...previousWindow(window),
      cost: money(sumCost(previous)),
    },
    historyFrom: historyFrom(starts, {
      sourceIds: [...perDaySource, ...previous].map(row => row.sourceId),
      to: window.to,
    }),
    dailyByModel: dailyByModel(perDayModel),
    byProvider: byProvider(perDayModel),
    byCategory: byCategory(perCategory),
    byModel: byModel(models, options.pricing, window.to),
    byApiKey: byApiKey(perKey),
    byTokenType: byTokenType(models, options.pricing, window.to),
    byTag: byTag(perTags, options.tagKeys),
    shared: sharedCosts(perRule, await splitRuleTotals(store, window, perRule)),
    hiddenDescendants: {
      count: hidden.size,
      cost: money(
        sumCost([...hidden].map(ref => ({ cost: costOf.get(ref) ?? 0 }))),
      ),
    },
    ...childBreakdown({
      graph: index.graph,
      entityRef: self,
      costOf: new Map([
        ...costOf,
        ...outside.map(row => [row.entityRef, row.cost] as const),
      ]),
      visibleChildren,
    }),
    claims: entityClaims(index, self, options.policy),
  };
}
