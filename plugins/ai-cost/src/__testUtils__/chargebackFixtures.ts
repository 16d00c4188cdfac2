import type { ChargebackStatement } from '@ai-cost/plugin-ai-cost-common';

/**
 * The open statement of 2026-10, in exact micro-units: three lines and
 * unallocated spend of $1,999.9997 in all, which each rounded on its own
 * would show as $2,000.01 instead of $2,000.00; adjustments of $44.6593
 * (restatements of 2026-09 and 2026-08) that would show as $44.65.
 */
export function makeChargebackStatement(
  overrides: Partial<ChargebackStatement> = {},
): ChargebackStatement {
  return {
    month: '2026-10',
    status: 'open',
    currency: 'USD',
    coverage: 0.967347,
    lines: [
      {
        entityRef: 'group:default/search-team',
        title: 'Search Team',
        costCenter: 'CC-1001',
        cost: 1234.5665,
        adjustments: [
          {
            month: '2026-09',
            cost: 50,
            reason: 'OpenAI invoice corrected',
          },
          {
            month: '2026-08',
            cost: -12.3456,
            reason: 'Late credit from Anthropic',
          },
        ],
      },
      {
        entityRef: 'group:default/platform',
        title: 'Platform',
        costCenter: null,
        cost: 600.1261,
        adjustments: [],
      },
      {
        entityRef: 'user:default/ada',
        costCenter: 'CC-2002',
        cost: 100.0067,
        adjustments: [],
      },
    ],
    unallocated: 65.3004,
    unallocatedAdjustments: [
      {
        month: '2026-09',
        cost: 7.0049,
        reason: 'Azure usage re-billed',
      },
    ],
    total: 1999.9997,
    adjustmentsTotal: 44.6593,
    ...overrides,
  };
}

/** The statement of 2026-10 once closed by the guest on 2026-11-03. */
export function makeClosedStatement(
  overrides: Partial<ChargebackStatement> = {},
): ChargebackStatement {
  return makeChargebackStatement({
    status: 'closed',
    closedAt: '2026-11-03T09:15:00.000Z',
    closedBy: 'user:default/guest',
    ...overrides,
  });
}
