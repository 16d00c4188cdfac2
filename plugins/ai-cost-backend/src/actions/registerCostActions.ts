import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import {
  aiCostOrgReadPermission,
  describeZodError,
  entityRefSchema,
  rollupGroupBys,
} from '@ai-cost/plugin-ai-cost-common';
import type { CostQueryService } from '../costs/CostQueryService';
import { lastDays } from './lastDays';
import type { EntityAccess } from '../service/EntityAccess';
import { requirePermission } from '../service/requirePermission';

/** The last `days` days up to today, both inclusive. */

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
          historyFrom: z
            .string()
            .nullable()
            .describe(
              'First day with ingested history; a previous period starting before it is not a full period, so its spend is not a baseline',
            ),
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
          historyFrom: result.historyFrom,
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
}
