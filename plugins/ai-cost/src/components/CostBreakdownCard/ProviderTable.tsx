import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { providerLabel } from '../../utils/labels';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { breakdownTableProps } from './tableOptions';

type ProviderRow = EntityCostsResponse['byProvider'][number] & {
  id: string;
  shownCost: number;
  share: number;
};

function columns(currency: string): TableColumn<ProviderRow>[] {
  return [
    {
      title: 'Provider',
      field: 'provider',
      highlight: true,
      cellStyle: nameCell(),
      render: row => providerLabel(row.provider),
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      cellStyle: moneyCell(),
      render: row => formatCurrency(row.shownCost, currency),
    },
    {
      title: 'Share',
      field: 'share',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatShare(row.share),
    },
  ];
}

/** Spend per provider with its share of the total. */
export function ProviderTable(props: { costs: EntityCostsResponse }) {
  const { byProvider, currency, total } = props.costs;
  const tableColumns = useMemo(() => columns(currency), [currency]);
  const data = useMemo(() => {
    const shown = roundPartsToTotal(byProvider.map(item => item.cost));
    return byProvider.map(
      (item, index): ProviderRow => ({
        ...item,
        id: item.provider,
        shownCost: shown[index],
        share: total.cost > 0 ? item.cost / total.cost : 0,
      }),
    );
  }, [byProvider, total.cost]);
  return (
    <AiCostTable<ProviderRow>
      {...breakdownTableProps}
      title="Spend by provider"
      minWidth={400}
      columns={tableColumns}
      data={data}
      emptyContent={<Typography>No provider spend in this period.</Typography>}
    />
  );
}
