import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type {
  EntityCostsResponse,
  TagCostItem,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import {
  noTagValueLabel,
  otherValuesLabel,
  tagLabel,
} from '../../utils/labels';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';

type TagValueRow = TagCostItem & {
  id: string;
  name: string;
  shownCost: number;
  share: number;
};

/** A tag value for people: the value, "No environment" or "14 other values". */
export function tagValueLabel(tag: string, item: TagCostItem): string {
  if (item.value !== null) return item.value;
  return item.otherValues
    ? otherValuesLabel(item.otherValues)
    : noTagValueLabel(tag);
}

function columns(tag: string, currency: string): TableColumn<TagValueRow>[] {
  return [
    {
      title: tagLabel(tag),
      field: 'name',
      highlight: true,
      cellStyle: nameCell({ noWrap: true }),
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

/** The spend of each value of one allocation tag, with its share of the total. */
export function TagValuesTable(props: {
  tag: string;
  costs: EntityCostsResponse;
}) {
  const { tag, costs } = props;
  const { byTag, currency } = costs;
  const totalCost = costs.total.cost;
  const tableColumns = useMemo(() => columns(tag, currency), [tag, currency]);
  const data = useMemo(() => {
    const items = byTag[tag] ?? [];
    const shown = roundPartsToTotal(items.map(item => item.cost));
    return items.map(
      (item, index): TagValueRow => ({
        ...item,
        id: `${item.value ?? ''}/${item.otherValues ?? ''}`,
        name: tagValueLabel(tag, item),
        shownCost: shown[index],
        share: totalCost > 0 ? item.cost / totalCost : 0,
      }),
    );
  }, [byTag, tag, totalCost]);
  return (
    <AiCostTable<TagValueRow>
      flat
      options={{ paging: false, search: false, padding: 'dense' }}
      title={`Spend by ${tagLabel(tag).toLocaleLowerCase('en-US')}`}
      minWidth={400}
      columns={tableColumns}
      data={data}
      emptyContent={<Typography>No spend in this period.</Typography>}
    />
  );
}
