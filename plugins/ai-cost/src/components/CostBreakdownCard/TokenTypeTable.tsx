import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCompactNumber, formatCurrency } from '../../utils/format';
import { tokenTypeLabels } from '../../utils/labels';
import { breakdownTableProps } from './tableOptions';

interface TokenTypeRow {
  label: string;
  tokens: number | null;
  cost: number;
}

/**
 * Tokens per type and the cost they explain. The split is an estimate
 * (each model's cost weighted by the list prices of its token types) and is
 * labelled as such.
 */
export function TokenTypeTable(props: { costs: EntityCostsResponse }) {
  const { byTokenType, currency } = props.costs;
  const columns: TableColumn<TokenTypeRow>[] = [
    { title: 'Token type', field: 'label', highlight: true },
    {
      title: 'Tokens',
      field: 'tokens',
      type: 'numeric',
      render: row =>
        row.tokens === null ? '—' : formatCompactNumber(row.tokens),
    },
    {
      title: 'Estimated cost',
      field: 'cost',
      type: 'numeric',
      render: row => formatCurrency(row.cost, currency),
    },
  ];
  const data: TokenTypeRow[] = byTokenType.items.map(item => ({
    label: tokenTypeLabels[item.tokenType] ?? item.tokenType,
    tokens: item.tokens,
    cost: item.cost,
  }));
  if (byTokenType.unexplainedCost > 0) {
    data.push({
      label: 'Not explained by priced tokens',
      tokens: null,
      cost: byTokenType.unexplainedCost,
    });
  }
  return (
    <Table<TokenTypeRow>
      {...breakdownTableProps}
      title="Spend by token type (estimated split)"
      subtitle="Each model's cost split by the list-price weight of its token types; an estimate, not a bill."
      columns={columns}
      data={data}
      options={{ ...breakdownTableProps.options, sorting: false }}
      emptyContent={<Typography>No token usage in this period.</Typography>}
    />
  );
}
