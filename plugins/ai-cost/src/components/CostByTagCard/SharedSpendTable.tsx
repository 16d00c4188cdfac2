import type { TableColumn } from '@backstage/core-components';
import type { SharedCost } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { splitMethodLabel } from '../../utils/labels';
import { AiCostTable } from '../AiCostTable';

type SharedRow = SharedCost & { id: string };

function columns(currency: string): TableColumn<SharedRow>[] {
  return [
    {
      title: 'Rule',
      field: 'ruleId',
      highlight: true,
      cellStyle: nameCell({ noWrap: true }),
    },
    {
      title: 'Method',
      field: 'method',
      cellStyle: nameCell({ minWidth: 120 }),
      render: row => splitMethodLabel(row.method),
    },
    {
      title: 'Share',
      field: 'share',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatShare(row.share),
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      cellStyle: moneyCell(),
      render: row => formatCurrency(row.cost, currency),
    },
  ];
}

/** The spend split rules gave the entity, one row per rule. */
export function SharedSpendTable(props: {
  shared: SharedCost[];
  currency: string;
}) {
  const { shared, currency } = props;
  return (
    <AiCostTable<SharedRow>
      flat
      options={{ paging: false, search: false, padding: 'dense' }}
      title="Shared spend"
      subtitle="Split rules in aiCost.allocation gave this spend; Share is this entity's part of all the spend the rule split in the period."
      minWidth={480}
      columns={columns(currency)}
      data={shared.map(item => ({ ...item, id: item.ruleId }))}
    />
  );
}
