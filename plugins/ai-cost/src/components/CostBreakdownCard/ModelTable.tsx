import Typography from '@material-ui/core/Typography';
import { Table, type TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCompactNumber,
  formatCurrency,
  formatInteger,
  formatUnitCost,
} from '../../utils/format';
import { modelLabel, providerLabel } from '../../utils/labels';
import { breakdownTableProps } from './tableOptions';

type ModelRow = EntityCostsResponse['byModel'][number] & {
  id: string;
  tokens: number;
};

function columns(currency: string): TableColumn<ModelRow>[] {
  return [
    {
      title: 'Model',
      field: 'model',
      highlight: true,
      render: row => modelLabel(row.provider, row.model),
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
      render: row => (
        <>
          {formatCurrency(row.cost, currency)}
          {row.estimatedCost > 0 && (
            <Typography variant="caption" component="div" color="textSecondary">
              {row.estimatedCost >= row.cost
                ? 'estimated'
                : `incl. ${formatCurrency(
                    row.estimatedCost,
                    currency,
                  )} estimated`}
            </Typography>
          )}
        </>
      ),
    },
    {
      title: 'Requests',
      field: 'requests',
      type: 'numeric',
      render: row => formatInteger(row.requests),
    },
    {
      title: 'Input tokens',
      field: 'inputTokens',
      type: 'numeric',
      render: row => formatCompactNumber(row.inputTokens),
    },
    {
      title: 'Cached input',
      field: 'cachedInputTokens',
      type: 'numeric',
      render: row => formatCompactNumber(row.cachedInputTokens),
    },
    {
      title: 'Output tokens',
      field: 'outputTokens',
      type: 'numeric',
      render: row => formatCompactNumber(row.outputTokens),
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
    {
      title: 'Per 1K tokens',
      field: 'tokens',
      type: 'numeric',
      sorting: false,
      render: row =>
        row.tokens > 0
          ? formatUnitCost((row.cost / row.tokens) * 1000, currency)
          : '—',
    },
  ];
}

/** Spend per provider model with usage and unit costs. */
export function ModelTable(props: { costs: EntityCostsResponse }) {
  const { byModel, currency } = props.costs;
  const data: ModelRow[] = byModel.map(item => ({
    ...item,
    id: `${item.provider}/${item.model}`,
    tokens:
      item.inputTokens +
      item.cachedInputTokens +
      item.cacheWriteTokens +
      item.outputTokens,
  }));
  return (
    <Table<ModelRow>
      {...breakdownTableProps}
      title="Spend by model"
      columns={columns(currency)}
      data={data}
      emptyContent={<Typography>No model usage in this period.</Typography>}
    />
  );
}
