import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatInteger,
  formatUnitCost,
} from '../../utils/format';
import { providerLabel } from '../../utils/labels';
import { breakdownTableProps } from './tableOptions';

type ApiKeyRow = EntityCostsResponse['byApiKey'][number];

/** Spend per provider API key. */
export function ApiKeyTable(props: { costs: EntityCostsResponse }) {
  const { byApiKey, currency } = props.costs;
  const columns: TableColumn<ApiKeyRow>[] = [
    {
      title: 'API key',
      field: 'apiKeyId',
      highlight: true,
      render: row => row.apiKeyId || '(source reports no key)',
    },
    {
      title: 'Provider',
      field: 'provider',
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
      title: 'Requests',
      field: 'requests',
      type: 'numeric',
      render: row => formatInteger(row.requests),
    },
    {
      title: 'Per request',
      field: 'requests',
      type: 'numeric',
      sorting: false,
      render: row =>
        row.requests > 0
          ? formatUnitCost(row.cost / row.requests, currency)
          : '—',
    },
  ];
  return (
    <Table<ApiKeyRow>
      {...breakdownTableProps}
      title="Spend by API key"
      columns={columns}
      data={byApiKey.map(item => ({ ...item }))}
      emptyContent={<Typography>No API key usage in this period.</Typography>}
    />
  );
}
