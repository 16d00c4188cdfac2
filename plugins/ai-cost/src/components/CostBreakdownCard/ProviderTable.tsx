import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { providerLabel } from '../../utils/labels';
import { breakdownTableProps } from './tableOptions';

type ProviderRow = EntityCostsResponse['byProvider'][number] & {
  share: number;
};

/** Spend per provider with its share of the total. */
export function ProviderTable(props: { costs: EntityCostsResponse }) {
  const { byProvider, currency, total } = props.costs;
  const columns: TableColumn<ProviderRow>[] = [
    {
      title: 'Provider',
      field: 'provider',
      highlight: true,
      render: row => providerLabel(row.provider),
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      render: row => formatCurrency(row.cost, currency),
    },
    {
      title: 'Share',
      field: 'share',
      type: 'numeric',
      render: row => formatShare(row.share),
    },
  ];
  const data = byProvider.map(item => ({
    ...item,
    share: total.cost > 0 ? item.cost / total.cost : 0,
  }));
  return (
    <Table<ProviderRow>
      {...breakdownTableProps}
      title="Spend by provider"
      columns={columns}
      data={data}
      emptyContent={<Typography>No provider spend in this period.</Typography>}
    />
  );
}
