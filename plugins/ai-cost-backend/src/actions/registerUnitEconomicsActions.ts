import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import {
  aiCostOrgReadPermission,
  rollupQuerySchema,
  unitCostsQuerySchema,
} from '@ai-cost/plugin-ai-cost-common';
import type { CostQueryService } from '../costs/CostQueryService';
import type { EntityAccess } from '../service/EntityAccess';
import { parseInput } from '../service/parseInput';
import { requirePermission } from '../service/requirePermission';
import type { UnitEconomicsService } from '../unitEconomics/UnitEconomicsService';
import { lastDays } from './lastDays';

/**
 * Unit-economics actions for MCP clients (DESIGN §9.2): an entity's unit
 * cost, and the customers costing the most with their margin, with the
 * same permission checks as the REST API.
 */
export function registerUnitEconomicsActions(options: {
  actionsRegistry: ActionsRegistryService;
  unitEconomics: UnitEconomicsService;
  costs: CostQueryService;
  entities: EntityAccess;
  permissions: PermissionsService;
  now?: () => Date;
}) {
  const { actionsRegistry, unitEconomics, costs, entities, permissions } =
    options;
  const now = options.now ?? (() => new Date());

  actionsRegistry.register({
    name: 'get-ai-unit-cost',
    title: 'AI unit cost of a catalog entity',
    description:
      "An entity's AI spend (with its descendants) over the last N days divided by a metric: requests, tokens (per 1,000), customers, or a pushed business metric; by default the entity's ai-cost/unit-metric annotation, else requests. Returns the unit cost, its change against the period before, the spend of days without a metric value (not in the unit cost), and a forecast of next period's spend. Needs ai-cost.costs.read on the entity.",
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity reference, e.g. component:default/my-service'),
          metric: z
            .string()
            .optional()
            .describe('e.g. requests, tokens, customers, documents_processed'),
          days: z.number().int().min(1).max(400).default(30),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          metric: z.string(),
          unit: z.string().nullable(),
          per: z.number(),
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          cost: z.number(),
          value: z.number().nullable(),
          unitCost: z.number().nullable(),
          previousUnitCost: z.number().nullable(),
          unitCostChange: z.number().nullable(),
          valueChange: z.number().nullable(),
          costWithoutMetric: z.number(),
          nextPeriodCost: z.number().nullable(),
          explanation: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const entity = await entities.readable(input.entityRef, credentials);
      const result = await unitEconomics.unitCosts({
        entity,
        query: parseInput(unitCostsQuerySchema, {
          entityRef: entity.entityRef,
          ...(input.metric ? { metric: input.metric } : {}),
          ...lastDays(input.days, now()),
        }),
      });
      return {
        output: {
          entityRef: result.entityRef,
          metric: result.metric,
          unit: result.unit,
          per: result.per,
          currency: result.currency,
          from: result.from,
          to: result.to,
          cost: result.total.cost,
          value: result.total.value,
          unitCost: result.total.unitCost,
          previousUnitCost: result.previous.unitCost,
          unitCostChange: result.change.unitCost,
          valueChange: result.change.value,
          costWithoutMetric: result.total.costWithoutMetric,
          nextPeriodCost: result.forecast.nextPeriodCost,
          ...(result.explanation ? { explanation: result.explanation } : {}),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-top-ai-customers',
    title: 'Customers by AI spend',
    description:
      'The customers (values of the customer allocation tag) with the most AI spend over the last N days, with a money metric such as revenue when given: its value, the margin (value minus AI spend) and margin %. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          days: z.number().int().min(1).max(400).default(30),
          limit: z.number().int().min(1).max(50).default(10),
          metric: z
            .string()
            .optional()
            .describe('A metric pushed per customer, e.g. revenue'),
        }),
      output: z =>
        z.object({
          currency: z.string(),
          from: z.string(),
          to: z.string(),
          total: z.number(),
          customers: z.array(
            z.object({
              customer: z.string().nullable(),
              cost: z.number(),
              previousCost: z.number(),
              metricValue: z.number().nullable().optional(),
              margin: z.number().nullable().optional(),
              marginPercent: z.number().nullable().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      await requirePermission(permissions, credentials, {
        permission: aiCostOrgReadPermission,
      });
      const window = lastDays(input.days, now());
      const query = parseInput(rollupQuerySchema, {
        groupBy: 'tag:customer',
        ...window,
        ...(input.metric ? { metric: input.metric } : {}),
      });
      const rollup = await costs.rollup(
        query,
        input.metric
          ? await unitEconomics.valuesByTag('customer', input.metric, window)
          : undefined,
      );
      return {
        output: {
          currency: rollup.currency,
          from: rollup.from,
          to: rollup.to,
          total: rollup.total,
          customers: rollup.items
            .filter(item => item.key !== null)
            .slice(0, input.limit)
            .map(item => ({
              customer: item.key,
              cost: item.cost,
              previousCost: item.previousCost,
              ...(input.metric
                ? {
                    metricValue: item.metricValue ?? null,
                    margin: item.margin ?? null,
                    marginPercent: item.marginPercent ?? null,
                  }
                : {}),
            })),
        },
      };
    },
  });
}
