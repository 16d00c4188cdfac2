import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCompactNumber, formatCurrency } from '../../utils/format';
import { tokenTypeLabels } from '../../utils/labels';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { breakdownTableProps } from './tableOptions';

interface TokenTypeRow {
  id: string;
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
  const columns = useMemo(
    (): TableColumn<TokenTypeRow>[] => [
      {
        title: 'Token type',
        field: 'label',
        highlight: true,
        cellStyle: nameCell(),
      },
      {
        title: 'Tokens',
        field: 'tokens',
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row =>
          row.tokens === null ? '—' : formatCompactNumber(row.tokens),
      },
      {
        title: 'Estimated cost',
        field: 'cost',
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row => formatCurrency(row.cost, currency),
      },
    ],
    [currency],
  );
  const data = useMemo(() => {
    const rows: Omit<TokenTypeRow, 'cost'>[] = byTokenType.items.map(item => ({
      id: item.tokenType,
      label: tokenTypeLabels[item.tokenType] ?? item.tokenType,
      tokens: item.tokens,
    }));
    const costs = byTokenType.items.map(item => item.cost);
    if (byTokenType.unexplainedCost > 0) {
      rows.push({
        id: 'unexplained',
        label: 'Not explained by priced tokens',
        tokens: null,
      });
      costs.push(byTokenType.unexplainedCost);
    }
    const shown = roundPartsToTotal(costs);
    return rows.map(
      (row, index): TokenTypeRow => ({
        ...row,
        cost: shown[index],
      }),
    );
  }, [byTokenType]);
  return (
    <AiCostTable<TokenTypeRow>
      {...breakdownTableProps}
      title="Spend by token type (estimated split)"
      subtitle="Each model's cost split by the list-price weight of its token types; an estimate, not a bill."
      minWidth={400}
      columns={columns}
      data={data}
      options={{ ...breakdownTableProps.options, sorting: false }}
      emptyContent={<Typography>No token usage in this period.</Typography>}
    />
  );
}
