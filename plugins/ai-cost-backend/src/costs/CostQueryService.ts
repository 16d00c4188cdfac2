import {
  addDays,
  daysInclusive,
  eachDay,
  microsToDecimalString,
  microsToNumber as money,
  type EntityCostsResponse,
  type RollupQuery,
  type RollupResponse,
} from '@ai-cost/plugin-ai-cost-common';
import type { PricingService, UsageWindow } from '@ai-cost/plugin-ai-cost-node';
import type { AttributedColumn, AttributionStore } from '../database';
import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import { claimAnnotationFor } from '../attribution/claims';
import { toCsv } from './csv';
import { splitByTokenType } from './splitByTokenType';

/** The window of equal length just before `window`. */
export function previousWindow(window: UsageWindow): UsageWindow {
  const days = daysInclusive(window.from, window.to);
  return { from: addDays(window.from, -days), to: addDays(window.from, -1) };
}

function sumCost(rows: Array<{ cost: number }>): number {
  return rows.reduce((total, row) => total + row.cost, 0);
}

function byCostDesc<T extends { cost: number }>(a: T, b: T): number {
  return b.cost - a.cost;
}

/** Who may see what: entity refs the caller can read in the catalog. */
export type VisibilityCheck = (entityRefs: string[]) => Promise<Set<string>>;

/**
 * Answers the cost questions of the REST API and the actions from the
 * pre-aggregated `ai_cost_daily` table and the annotation index; never from
 * raw usage. Money is computed in micro-units and converted at the end.
 */
export class CostQueryService {
  constructor(
    private readonly options: {
      store: AttributionStore;
      index: CatalogIndexReader;
      pricing: PricingService;
      currency: string;
      demoSourceIds: () => Promise<Set<string>>;
    },
  ) {}

  /** Spend of one entity and its descendants (DESIGN §3 `GET /costs`). */
  async entityCosts(options: {
    entity: { entityRef: string; kind: string; title?: string };
    window: UsageWindow;
    visible: VisibilityCheck;
  }): Promise<EntityCostsResponse> {
    const { entity, window, visible } = options;
    const { store, pricing, currency } = this.options;
    const { graph, claims, claimsOf } = await this.options.index.read();
    const self = entity.entityRef;
    const refs = [self, ...graph.descendants(self)];

    const [perEntity, perDayModel, perKey, previous, demoSources] =
      await Promise.all([
        store.sumAttributed({
          window,
          entityRefs: refs,
          groupBy: ['entityRef'],
        }),
        store.sumAttributed({
          window,
          entityRefs: refs,
          groupBy: ['date', 'sourceId', 'provider', 'model'],
        }),
        store.sumAttributed({
          window,
          entityRefs: refs,
          groupBy: ['provider', 'apiKeyId'],
        }),
        store.sumAttributed({
          window: previousWindow(window),
          entityRefs: refs,
          groupBy: [],
        }),
        this.options.demoSourceIds(),
      ]);

    const costOf = new Map(perEntity.map(row => [row.entityRef, row.cost]));
    const total = {
      cost: 0,
      estimatedOnly: 0,
      inputTokens: 0,
      cachedInputTokens: 0,
      cacheWriteTokens: 0,
      outputTokens: 0,
      reasoningTokens: 0,
      requests: 0,
    };
    for (const row of perEntity) {
      for (const key of Object.keys(total) as Array<keyof typeof total>) {
        total[key] += row[key];
      }
    }

    const daily = new Map(eachDay(window.from, window.to).map(d => [d, 0]));
    const dailyByModel = new Map<
      string,
      EntityCostsResponse['dailyByModel'][0]
    >();
    const byProvider = new Map<string, number>();
    const byModel = new Map<string, (typeof perDayModel)[0]>();
    let demoCost = 0;
    for (const row of perDayModel) {
      daily.set(row.date, (daily.get(row.date) ?? 0) + row.cost);
      const dayKey = `${row.date}\u0000${row.provider}\u0000${row.model}`;
      const day = dailyByModel.get(dayKey) ?? {
        date: row.date,
        provider: row.provider,
        model: row.model,
        cost: 0,
      };
      day.cost += row.cost;
      dailyByModel.set(dayKey, day);
      byProvider.set(
        row.provider,
        (byProvider.get(row.provider) ?? 0) + row.cost,
      );
      const modelKey = `${row.provider}\u0000${row.model}`;
      const model = byModel.get(modelKey);
      if (model) {
        for (const key of Object.keys(total) as Array<keyof typeof total>) {
          model[key] += row[key];
        }
      } else {
        byModel.set(modelKey, { ...row });
      }
      if (demoSources.has(row.sourceId)) demoCost += row.cost;
    }

    const children = graph.children(self);
    const seeable = await visible(children);
    const byChild: EntityCostsResponse['byChild'] = [];
    const hiddenChildren = { count: 0, cost: 0 };
    for (const child of children) {
      const cost = sumCost(
        [...graph.contributionOf(self, child)].map(ref => ({
          cost: costOf.get(ref) ?? 0,
        })),
      );
      if (!seeable.has(child)) {
        hiddenChildren.count += 1;
        hiddenChildren.cost += cost;
        continue;
      }
      const node = graph.get(child);
      byChild.push({
        entityRef: child,
        kind: node?.kind ?? child.split(':')[0],
        ...(node?.title ? { title: node.title } : {}),
        cost: money(cost),
      });
    }

    const models = [...byModel.values()].sort(byCostDesc);
    const tokenSplit = splitByTokenType(models, pricing, window.to);
    const conflicts = claims.conflicts();
    const own = costOf.get(self) ?? 0;

    return {
      entityRef: self,
      kind: entity.kind,
      ...(entity.title ? { title: entity.title } : {}),
      currency,
      from: window.from,
      to: window.to,
      total: {
        cost: money(total.cost),
        inputTokens: total.inputTokens,
        cachedInputTokens: total.cachedInputTokens,
        cacheWriteTokens: total.cacheWriteTokens,
        outputTokens: total.outputTokens,
        reasoningTokens: total.reasoningTokens,
        requests: total.requests,
      },
      own: { cost: money(own) },
      viaChildren: { cost: money(total.cost - own) },
      estimatedCost: money(total.estimatedOnly),
      demoCost: money(demoCost),
      previousPeriod: {
        ...previousWindow(window),
        cost: money(previous[0]?.cost ?? 0),
      },
      daily: [...daily].map(([date, cost]) => ({ date, cost: money(cost) })),
      dailyByModel: [...dailyByModel.values()]
        .filter(d => d.cost !== 0)
        .sort((a, b) => a.date.localeCompare(b.date) || byCostDesc(a, b))
        .map(d => ({ ...d, cost: money(d.cost) })),
      byProvider: [...byProvider]
        .map(([provider, cost]) => ({ provider, cost }))
        .sort(byCostDesc)
        .map(p => ({ ...p, cost: money(p.cost) })),
      byModel: models.map(m => ({
        provider: m.provider,
        model: m.model,
        cost: money(m.cost),
        estimatedCost: money(m.estimatedOnly),
        inputTokens: m.inputTokens,
        cachedInputTokens: m.cachedInputTokens,
        cacheWriteTokens: m.cacheWriteTokens,
        outputTokens: m.outputTokens,
        requests: m.requests,
      })),
      byApiKey: perKey.sort(byCostDesc).map(k => ({
        provider: k.provider,
        apiKeyId: k.apiKeyId,
        cost: money(k.cost),
        requests: k.requests,
      })),
      byTokenType: {
        items: tokenSplit.items.map(t => ({ ...t, cost: money(t.cost) })),
        unexplainedCost: money(tokenSplit.unexplainedCost),
      },
      byChild: byChild.sort(byCostDesc),
      hiddenChildren: {
        count: hiddenChildren.count,
        cost: money(hiddenChildren.cost),
      },
      claims: claimsOf(self).map(claim => ({
        annotation: claim.annotation,
        provider: claim.provider,
        dimension: claim.dimension,
        value: claim.value,
        conflictsWith:
          conflicts
            .find(
              c =>
                c.provider === claim.provider &&
                c.dimension === claim.dimension &&
                c.value === claim.value,
            )
            ?.entityRefs.filter(ref => ref !== self) ?? [],
      })),
    };
  }

  /** Organisation-wide spend grouped one way (DESIGN §3 `GET /rollup`). */
  async rollup(query: RollupQuery): Promise<RollupResponse> {
    const { store, currency } = this.options;
    const { graph } = await this.options.index.read();
    const window = { from: query.from, to: query.to };
    const byModel = query.groupBy === 'model' || query.groupBy === 'provider';
    const groupBy: AttributedColumn[] = {
      model: ['provider', 'model'] as AttributedColumn[],
      provider: ['provider'] as AttributedColumn[],
      owner: ['entityRef'] as AttributedColumn[],
      system: ['entityRef'] as AttributedColumn[],
      domain: ['entityRef'] as AttributedColumn[],
    }[query.groupBy];
    const entityKey = {
      owner: (ref: string) => graph.ownerOf(ref),
      system: (ref: string) => graph.systemOf(ref),
      domain: (ref: string) => graph.domainOf(ref),
    };
    const keyOf = (row: Partial<Record<AttributedColumn, string>>): string => {
      if (query.groupBy === 'model') return `${row.provider}/${row.model}`;
      if (query.groupBy === 'provider') return String(row.provider);
      return entityKey[query.groupBy](String(row.entityRef)) ?? '(none)';
    };

    const [current, previous, unallocated] = await Promise.all([
      store.sumAttributed({ window, groupBy }),
      store.sumAttributed({
        window: previousWindow(window),
        groupBy,
      }),
      store.sumUnallocated(window),
    ]);
    const items = new Map<string, { cost: number; previousCost: number }>();
    const item = (key: string) => {
      const existing = items.get(key) ?? { cost: 0, previousCost: 0 };
      items.set(key, existing);
      return existing;
    };
    for (const row of current) item(keyOf(row)).cost += row.cost;
    for (const row of previous) item(keyOf(row)).previousCost += row.cost;

    const attributed = sumCost(current);
    const unallocatedCost = sumCost(unallocated);
    return {
      currency,
      from: query.from,
      to: query.to,
      groupBy: query.groupBy,
      total: money(attributed + unallocatedCost),
      items: [...items]
        .filter(([, v]) => v.cost !== 0 || v.previousCost !== 0)
        .map(([key, v]) => {
          const node = byModel || key === '(none)' ? undefined : graph.get(key);
          return {
            key,
            ...(byModel || key === '(none)' ? {} : { entityRef: key }),
            ...(node?.title ? { title: node.title } : {}),
            cost: v.cost,
            previousCost: v.previousCost,
          };
        })
        .sort((a, b) => byCostDesc(a, b) || a.key.localeCompare(b.key))
        .map(i => ({
          ...i,
          cost: money(i.cost),
          previousCost: money(i.previousCost),
        })),
      unallocated: {
        cost: money(unallocatedCost),
        items: unallocated
          .filter(u => u.cost !== 0)
          .sort(byCostDesc)
          .map(u => {
            const claimWith = claimAnnotationFor(u.provider, u.dimension);
            return {
              provider: u.provider,
              dimension: u.dimension,
              value: u.value,
              cost: money(u.cost),
              ...(claimWith ? { claimWith } : {}),
            };
          }),
      },
    };
  }

  /**
   * Showback / chargeback CSV: one line per day, entity, provider and model
   * with the entity's owner and system, the cost and the tokens. For an
   * entity it lists the entity and its descendants, each with its own spend,
   * so the lines sum to the entity's total; without one, every entity.
   */
  async exportCsv(options: {
    window: UsageWindow;
    entityRef?: string;
  }): Promise<string> {
    const { graph } = await this.options.index.read();
    const { window, entityRef } = options;
    const rows = await this.options.store.sumAttributed({
      window,
      entityRefs: entityRef
        ? [entityRef, ...graph.descendants(entityRef)]
        : undefined,
      groupBy: ['date', 'entityRef', 'provider', 'model'],
    });
    rows.sort(
      (a, b) =>
        a.date.localeCompare(b.date) ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.provider.localeCompare(b.provider) ||
        a.model.localeCompare(b.model),
    );
    const { currency } = this.options;
    return toCsv(
      [
        'date',
        'entity_ref',
        'owner',
        'system',
        'provider',
        'model',
        'cost',
        'estimated_cost',
        'currency',
        'input_tokens',
        'cached_input_tokens',
        'cache_write_tokens',
        'output_tokens',
        'requests',
      ],
      rows.map(row => [
        row.date,
        row.entityRef,
        graph.ownerOf(row.entityRef) ?? '',
        graph.systemOf(row.entityRef) ?? '',
        row.provider,
        row.model,
        microsToDecimalString(row.cost),
        microsToDecimalString(row.estimatedOnly),
        currency,
        row.inputTokens,
        row.cachedInputTokens,
        row.cacheWriteTokens,
        row.outputTokens,
        row.requests,
      ]),
    );
  }
}
