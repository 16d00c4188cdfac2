import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatInteger,
  formatUnitCost,
} from '../../utils/format';
import { providerLabel } from '../../utils/labels';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { isUnpriced, UNPRICED_LABEL } from '../../utils/unpriced';
import { AiCostTable } from '../AiCostTable';
import { breakdownTableProps } from './tableOptions';

type ApiKeyRow = EntityCostsResponse['byApiKey'][number] & {
  id: string;
  shownCost: number;
  unpriced: boolean;
};

function columns(currency: string): TableColumn<ApiKeyRow>[] {
  return [
    {
      title: 'API key',
      field: 'apiKeyId',
      highlight: true,
      cellStyle: nameCell({ noWrap: true }),
      render: row => row.apiKeyId || '(source reports no key)',
    },
    {
      title: 'Provider',
      field: 'provider',
      cellStyle: nameCell({ minWidth: 100 }),
      render: row => providerLabel(row.provider),
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      cellStyle: moneyCell(),
      render: row =>
        row.unpriced ? UNPRICED_LABEL : formatCurrency(row.shownCost, currency),
    },
    {
      title: 'Requests',
      field: 'requests',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatInteger(row.requests),
    },
    {
      title: 'Per request',
      field: 'requests',
      type: 'numeric',
      sorting: false,
      cellStyle: moneyCell(),
      render: row => {
        if (row.unpriced) return UNPRICED_LABEL;
        return row.requests > 0
          ? formatUnitCost(row.cost / row.requests, currency)
          : '—';
      },
    },
  ];
}

/** Spend per provider API key. */
export function ApiKeyTable(props: { costs: EntityCostsResponse }) {
  const { byApiKey, currency } = props.costs;
  const tableColumns = useMemo(() => columns(currency), [currency]);
  const data = useMemo(() => {
    const shown = roundPartsToTotal(byApiKey.map(item => item.cost));
    return byApiKey.map(
      (item, index): ApiKeyRow => ({
        ...item,
        id: `${item.provider}/${item.apiKeyId}`,
        shownCost: shown[index],
        unpriced: isUnpriced({ ...item, tokens: 0 }),
      }),
    );
  }, [byApiKey]);
  return (
    <AiCostTable<ApiKeyRow>
      {...breakdownTableProps}
      title="Spend by API key"
      minWidth={640}
      columns={tableColumns}
      data={data}
      emptyContent={<Typography>No API key usage in this period.</Typography>}
    />
  );
}
