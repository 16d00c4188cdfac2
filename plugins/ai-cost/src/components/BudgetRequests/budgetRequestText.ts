import type { BudgetApprovalRequest } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency } from '../../utils/format';

/** `$3,200.00 a month for component:default/support-bot, asked by user:default/carol` */
export function budgetRequestText(request: BudgetApprovalRequest): string {
  return `${budgetAmountText(request)} for ${request.entityRef}, asked by ${
    request.requestedBy
  }`;
}

/** `$3,200.00 a month`, with the scope when there is one: `… (environment:staging)`. */
export function budgetAmountText(request: BudgetApprovalRequest): string {
  return `${formatCurrency(request.amount, request.currency)} a ${
    request.period
  }${request.scope ? ` (${request.scope})` : ''}`;
}
