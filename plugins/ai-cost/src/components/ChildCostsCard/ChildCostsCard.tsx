import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';

type ChildRow =
  | ({ hidden: false } & EntityCostsResponse['byChild'][number])
  | { hidden: true; count: number; cost: number };

/** "3 entities you cannot see" */
export function hiddenEntitiesLabel(count: number): string {
  return `${count} ${count === 1 ? 'entity' : 'entities'} you cannot see`;
}

/** @public */
export interface ChildCostsCardProps {
  costs: EntityCostsResponse;
}

/**
 * Own spend vs spend via children, and the spend of each direct child
 * (components of a system, entities owned by a group, ...); children the
 * user may not read are counted, not named.
 * @public
 */
export function ChildCostsCard(props: ChildCostsCardProps) {
  const { costs } = props;
  const { currency } = costs;
  const money = (value: number) => formatCurrency(value, currency);

  const columns: TableColumn<ChildRow>[] = [
    {
      title: 'Entity',
      highlight: true,
      render: row =>
        row.hidden ? (
          <Typography variant="body2" color="textSecondary" component="span">
            {hiddenEntitiesLabel(row.count)}
          </Typography>
        ) : (
          <EntityRefLink entityRef={row.entityRef} title={row.title} />
        ),
    },
    { title: 'Kind', render: row => (row.hidden ? '—' : row.kind) },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      render: row => money(row.cost),
    },
    {
      title: 'Share',
      type: 'numeric',
      render: row =>
        costs.total.cost > 0 ? formatShare(row.cost / costs.total.cost) : '—',
    },
  ];

  const data: ChildRow[] = [
    ...[...costs.byChild]
      .sort((a, b) => b.cost - a.cost)
      .map(child => ({ hidden: false as const, ...child })),
    ...(costs.hiddenChildren.count > 0
      ? [{ hidden: true as const, ...costs.hiddenChildren }]
      : []),
  ];

  return (
    <Table<ChildRow>
      title="Spend by child entity"
      subtitle={`Own ${money(costs.own.cost)} · via children ${money(
        costs.viaChildren.cost,
      )}`}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No child entities with AI spend in this period.
        </Typography>
      }
    />
  );
}
