import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { aiCostOrgReadPermission, dayOf } from '@ai-cost/plugin-ai-cost-common';
import type { ChargebackService } from '../chargeback/ChargebackService';
import type { CostQueryService } from '../costs/CostQueryService';
import { requirePermission } from '../service/requirePermission';
import { lastDays } from './lastDays';

/**
 * Allocation actions for MCP clients (DESIGN §9.1, §9.4): spend by tag,
 * allocation coverage and a team's chargeback line, with the same
 * permission checks as the REST API.
 */
export function registerAllocationActions(options: {
  actionsRegistry: ActionsRegistryService;
  costs: CostQueryService;
  chargeback: ChargebackService;
  permissions: PermissionsService;
  now?: () => Date;
}) {
  const { actionsRegistry, costs, chargeback, permissions } = options;
  const now = options.now ?? (() => new Date());

  const requireOrgRead = (credentials: BackstageCredentials) =>
    requirePermission(permissions, credentials, {
      permission: aiCostOrgReadPermission,
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

  actionsRegistry.register({
    name: 'get-team-chargeback-line',
    title: "A team's AI chargeback line",
    description:
      'What one group (team) is charged for AI spend in a month (default: the current month), with its cost centre, the restatements of closed months booked on it, and whether the month is closed. Needs the ai-cost.org.read permission.',
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('The group, e.g. group:default/search-team'),
          month: z
            .string()
            .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
            .optional()
            .describe('YYYY-MM'),
        }),
      output: z =>
        z.object({
          month: z.string(),
          status: z.enum(['open', 'closed']),
          currency: z.string(),
          entityRef: z.string(),
          costCenter: z.string().nullable(),
          cost: z.number(),
          adjustments: z.array(
            z.object({
              month: z.string(),
              cost: z.number(),
              reason: z.string(),
            }),
          ),
          monthTotal: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      await requireOrgRead(credentials);
      const month = input.month ?? dayOf(now()).slice(0, 7);
      const statement = await chargeback.statement(month);
      const entityRef = input.entityRef.toLocaleLowerCase('en-US');
      const line = statement.lines.find(l => l.entityRef === entityRef);
      return {
        output: {
          month,
          status: statement.status,
          currency: statement.currency,
          entityRef,
          costCenter: line?.costCenter ?? null,
          cost: line?.cost ?? 0,
          adjustments: line?.adjustments ?? [],
          monthTotal: statement.total,
        },
      };
    },
  });
}
