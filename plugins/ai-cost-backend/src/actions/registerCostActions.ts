import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  addDays,
  aiCostOrgReadPermission,
  dayOf,
  describeZodError,
  entityRefSchema,
  rollupGroupBys,
} from '@ai-cost/plugin-ai-cost-common';
import type { CostQueryService } from '../costs/CostQueryService';
import type { EntityAccess } from '../service/EntityAccess';
import { requirePermission } from '../service/requirePermission';

/** The last `days` days up to today, both inclusive. */
function lastDays(days: number, now: Date) {
  const to = dayOf(now);
  return { from: addDays(to, -(days - 1)), to };
}

/**
 * Registers the read-only actions MCP clients and agents use to ask what
 * a service spends on AI. Each runs with the caller's credentials and the
 * same permission checks as the REST API.
 */
export function registerCostActions(options: {
  actionsRegistry: ActionsRegistryService;
  costs: CostQueryService;
  entities: EntityAccess;
  permissions: PermissionsService;
  now?: () => Date;
}) {
  const { actionsRegistry, costs, entities, permissions } = options;
  const now = options.now ?? (() => new Date());

  const requireOrgRead = (credentials: BackstageCredentials) =>
    requirePermission(permissions, credentials, {
      permission: aiCostOrgReadPermission,
    });

  actionsRegistry.register({
    name: 'get-entity-ai-costs',
    title: 'AI spend of a catalog entity',
    description:
      'Returns what a catalog entity (and everything rolling up to it) spent on AI providers over the last N days: total, own versus via children, the top models and the top children. Money is in the returned currency.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity reference, e.g. component:default/search-api'),
          days: z
            .number()
            .int()
            .min(1)
            .max(400)
            .default(30)
            .describe('How many days back from today, 1-400'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          total: z.number(),
          own: z.number(),
          viaChildren: z.number(),
          previousPeriod: z.number(),
          topModels: z.array(
            z.object({
              provider: z.string(),
              model: z.string(),
              cost: z.number(),
            }),
          ),
          topChildren: z.array(
            z.object({ entityRef: z.string(), cost: z.number() }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const ref = entityRefSchema.safeParse(input.entityRef);
      if (!ref.success) {
        throw new InputError(`entityRef: ${describeZodError(ref.error)}`);
      }
      const entity = await entities.readable(input.entityRef, credentials);
      const result = await costs.entityCosts({
        entity,
        window: lastDays(input.days, now()),
        visible: refs => entities.visible(refs, credentials),
      });
      return {
        output: {
          entityRef: result.entityRef,
          currency: result.currency,
          from: result.from,
          to: result.to,
          total: result.total.cost,
          own: result.own.cost,
          viaChildren: result.viaChildren.cost,
          previousPeriod: result.previousPeriod.cost,
          topModels: result.byModel.slice(0, 5).map(m => ({
            provider: m.provider,
            model: m.model,
            cost: m.cost,
          })),
          topChildren: result.byChild.slice(0, 5).map(c => ({
            entityRef: c.entityRef,
            cost: c.cost,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-top-ai-spenders',
    title: 'Top AI spenders',
    description:
      'Ranks owners (teams), systems, domains, providers or models by AI spend over the last N days, with the spend of the period before for comparison. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          groupBy: z.enum(rollupGroupBys).default('owner'),
          days: z.number().int().min(1).max(400).default(30),
          limit: z.number().int().min(1).max(100).default(10),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          total: z.number(),
          items: z.array(
            z.object({
              key: z.string(),
              cost: z.number(),
              previousCost: z.number(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireOrgRead(credentials);
      const rollup = await costs.rollup({
        groupBy: input.groupBy,
        ...lastDays(input.days, now()),
      });
      return {
        output: {
          currency: rollup.currency,
          from: rollup.from,
          to: rollup.to,
          total: rollup.total,
          items: rollup.items.slice(0, input.limit).map(i => ({
            key: i.key ?? '(none)',
            cost: i.cost,
            previousCost: i.previousCost,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-unallocated-ai-spend',
    title: 'Unallocated AI spend',
    description:
      'Lists AI spend no catalog entity claims yet (per provider project, api key, account or tag) over the last N days, with the catalog-info.yaml annotation that would claim each. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({ days: z.number().int().min(1).max(400).default(30) }),
      output: z =>
        z.object({
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          cost: z.number(),
          items: z.array(
            z.object({
              provider: z.string(),
              dimension: z.string(),
              value: z.string(),
              cost: z.number(),
              claimWith: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireOrgRead(credentials);
      const rollup = await costs.rollup({
        groupBy: 'provider',
        ...lastDays(input.days, now()),
      });
      return {
        output: {
          currency: rollup.currency,
          from: rollup.from,
          to: rollup.to,
          cost: rollup.unallocated.cost,
          items: rollup.unallocated.items,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-ai-spend-by-tag',
    title: 'AI spend by allocation tag',
    description:
      'AI spend per value of one allocation tag (environment, feature, customer or another configured tag) over the last N days, unallocated spend included; value null is spend without a value. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          tag: z
            .string()
            .min(1)
            .describe('An allocation tag, e.g. environment'),
          days: z.number().int().min(1).max(400).default(30),
          limit: z.number().int().min(1).max(100).default(20),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          total: z.number(),
          items: z.array(
            z.object({
              value: z.string().nullable(),
              cost: z.number(),
              previousCost: z.number(),
              unallocatedCost: z.number(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireOrgRead(credentials);
      const rollup = await costs.rollup({
        groupBy: `tag:${input.tag}`,
        ...lastDays(input.days, now()),
      });
      return {
        output: {
          currency: rollup.currency,
          from: rollup.from,
          to: rollup.to,
          total: rollup.total,
          items: rollup.items.slice(0, input.limit).map(i => ({
            value: i.key,
            cost: i.cost,
            previousCost: i.previousCost,
            unallocatedCost: i.unallocatedCost ?? 0,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-ai-allocation-coverage',
    title: 'AI spend allocation coverage',
    description:
      'How much AI spend over the last N days is allocated to catalog entities, overall and per provider, how much carries each allocation tag, and whether coverage reached the chargeback threshold. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({ days: z.number().int().min(1).max(400).default(30) }),
      output: z =>
        z.object({
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          total: z.number(),
          unallocated: z.number(),
          coverage: z.number(),
          threshold: z.number(),
          chargebackReady: z.boolean(),
          byProvider: z.array(
            z.object({ provider: z.string(), coverage: z.number() }),
          ),
          tags: z.array(z.object({ tag: z.string(), coverage: z.number() })),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireOrgRead(credentials);
      const coverage = await costs.allocationCoverage(
        lastDays(input.days, now()),
      );
      return {
        output: {
          currency: coverage.currency,
          from: coverage.from,
          to: coverage.to,
          total: coverage.total,
          unallocated: coverage.unallocated,
          coverage: coverage.coverage,
          threshold: coverage.threshold,
          chargebackReady: coverage.chargebackReady,
          byProvider: coverage.byProvider.map(p => ({
            provider: p.provider,
            coverage: p.coverage,
          })),
          tags: coverage.tags.map(t => ({ tag: t.tag, coverage: t.coverage })),
        },
      };
    },
  });
}
