import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  StatusError,
  StatusOK,
  StatusWarning,
  type TableColumn,
} from '@backstage/core-components';
import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
import { useBudgetStatuses } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { formatCurrency, formatDay, formatShare } from '../../utils/format';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { AiCostTabLink } from '../AiCostTabLink';
import { budgetStateLabels, scopeLabel } from '../BudgetStatusCard/budgetText';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';

const stateOrder: Record<BudgetStatus['state'], number> = {
  over: 0,
  'at-risk': 1,
  ok: 2,
  none: 3,
};

function usedShare(status: BudgetStatus): number {
  return status.budget ? status.spent / status.budget : 0;
}

/** Over budget first, then at risk, then on track; within a state the most used budget first. */
export function sortBudgetStatuses(statuses: BudgetStatus[]): BudgetStatus[] {
  return [...statuses].sort(
    (a, b) =>
      stateOrder[a.state] - stateOrder[b.state] ||
      usedShare(b) - usedShare(a) ||
      a.entityRef.localeCompare(b.entityRef),
  );
}

/**
 * One row per budget: the overall budget of each entity that has one, and
 * each of its budgets scoped to an allocation tag value.
 */
export function budgetRows(statuses: BudgetStatus[]): BudgetStatus[] {
  return statuses.flatMap(({ scoped = [], ...overall }) => [
    ...(overall.budget === null ? [] : [overall]),
    ...scoped,
  ]);
}

function BudgetState({ status }: { status: BudgetStatus }) {
  const label = budgetStateLabels[status.state];
  switch (status.state) {
    case 'over':
      return <StatusError>{label}</StatusError>;
    case 'at-risk':
      return <StatusWarning>{label}</StatusWarning>;
    case 'ok':
      return <StatusOK>{label}</StatusOK>;
    default:
      return <>{label}</>;
  }
}

function breachCell(status: BudgetStatus): string {
  if (!status.projectedBreachDate) return '—';
  const day = formatDay(status.projectedBreachDate);
  return status.state === 'over' ? `Exceeded on ${day}` : day;
}

type BudgetRow = BudgetStatus & { id: string };

const columns: TableColumn<BudgetRow>[] = [
  {
    title: 'Entity',
    field: 'entityRef',
    cellStyle: nameCell(),
    render: status => <AiCostTabLink entityRef={status.entityRef} />,
  },
  {
    title: 'Scope',
    field: 'scope',
    cellStyle: { whiteSpace: 'nowrap' },
    render: status => scopeLabel(status.scope),
  },
  {
    title: 'Budget',
    cellStyle: moneyCell(),
    render: status =>
      status.budget === null
        ? '—'
        : `${formatCurrency(status.budget, status.currency)} / ${
            status.period.period === 'quarter' ? 'quarter' : 'month'
          }`,
  },
  {
    title: 'Spent',
    cellStyle: moneyCell(),
    render: status =>
      status.budget
        ? `${formatCurrency(status.spent, status.currency)} (${formatShare(
            usedShare(status),
          )})`
        : formatCurrency(status.spent, status.currency),
  },
  {
    title: 'Forecast',
    cellStyle: moneyCell(),
    render: status => formatCurrency(status.forecast.median, status.currency),
  },
  {
    title: 'State',
    cellStyle: { whiteSpace: 'nowrap' },
    render: status => <BudgetState status={status} />,
  },
  {
    title: 'Projected breach',
    cellStyle: { whiteSpace: 'nowrap' },
    render: breachCell,
  },
];

/** @public */
export interface BudgetsTableProps {
  statuses: BudgetStatus[];
}

/**
 * Every budget, overall or scoped to an allocation tag value (its scope in
 * a column), with its budget, spend, forecast, state and projected breach
 * date; over budget first.
 * @public
 */
export function BudgetsTable(props: BudgetsTableProps) {
  const { statuses } = props;
  const sorted = useMemo(
    () =>
      sortBudgetStatuses(budgetRows(statuses)).map(status => ({
        ...status,
        id: `${status.entityRef} ${status.scope ?? ''}`,
      })),
    [statuses],
  );
  const asOf = sorted[0]?.period.asOf;
  return (
    <AiCostTable<BudgetRow>
      title="Budgets"
      minWidth={900}
      subtitle={
        asOf
          ? `Current period, as of ${formatDay(asOf, { withYear: true })}`
          : undefined
      }
      options={{
        paging: sorted.length > 20,
        pageSize: 20,
        search: false,
        padding: 'dense',
      }}
      columns={columns}
      data={sorted}
    />
  );
}

/**
 * The budgets table of the org page with its loading, empty and error
 * states; a 403 explains the `ai-cost.org.read` permission.
 * @public
 */
export function BudgetsSection() {
  const { value, loading, error, retry } = useBudgetStatuses();
  if (loading && !value) return <Progress aria-label="Loading budgets" />;
  if (error && isForbidden(error)) return <OrgReadRequired />;
  if (error) {
    return (
      <InfoCard title="Budgets">
        <CardError error={error} what="the budgets" onRetry={retry} />
      </InfoCard>
    );
  }
  if (!value || value.length === 0) {
    return (
      <InfoCard title="Budgets">
        <Typography variant="body2">
          No entity has a budget yet. Add the{' '}
          <code>ai-cost/monthly-budget</code> annotation to an entity, or set a
          budget on its AI Cost tab.
        </Typography>
      </InfoCard>
    );
  }
  return <BudgetsTable statuses={value} />;
}
