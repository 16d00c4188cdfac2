import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCompactNumber,
  formatCurrency,
  formatInteger,
  formatUnitCost,
} from '../../utils/format';
import { modelLabel, providerLabel } from '../../utils/labels';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { UNPRICED_LABEL } from '../../utils/unpriced';
import { AiCostTable } from '../AiCostTable';
import { breakdownTableProps } from './tableOptions';

type ModelRow = EntityCostsResponse['byModel'][number] & {
  id: string;
  tokens: number;
  shownCost: number;
  unpriced: boolean;
};

function unitCost(
  row: ModelRow,
  count: number,
  per: number,
  currency: string,
): string {
  if (row.unpriced) return UNPRICED_LABEL;
  return count > 0 ? formatUnitCost((row.cost / count) * per, currency) : '—';
}

function columns(currency: string): TableColumn<ModelRow>[] {
  return [
    {
      title: 'Model',
      field: 'model',
      highlight: true,
      cellStyle: nameCell({ noWrap: true }),
      render: row => modelLabel(row.provider, row.model),
    },
    {
      title: 'Provider',
      field: 'provider',
      cellStyle: nameCell({ minWidth: 100 }),
      // The source is a dimension of its own: gpt-4o priced by a gateway is
      // OpenAI's model, reported through the gateway.
      render: row =>
        row.source && row.source !== row.provider ? (
          <>
            {providerLabel(row.provider)}
            <Typography variant="caption" component="div" color="textSecondary">
              via {providerLabel(row.source)}
            </Typography>
          </>
        ) : (
          providerLabel(row.provider)
        ),
    },
    {
      title: 'Cost',
      field: 'cost',
      type: 'numeric',
      defaultSort: 'desc',
      cellStyle: moneyCell(),
      render: row =>
        row.unpriced ? (
          <>
            {UNPRICED_LABEL}
            <Typography variant="caption" component="div" color="textSecondary">
              no price known for this model
            </Typography>
          </>
        ) : (
          <>
            {formatCurrency(row.shownCost, currency)}
            {row.estimatedCost > 0 && (
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
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
      cellStyle: moneyCell(),
      render: row => formatInteger(row.requests),
    },
    {
      title: 'Input tokens',
      field: 'inputTokens',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatCompactNumber(row.inputTokens),
    },
    {
      title: 'Cached input',
      field: 'cachedInputTokens',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatCompactNumber(row.cachedInputTokens),
    },
    {
      title: 'Output tokens',
      field: 'outputTokens',
      type: 'numeric',
      cellStyle: moneyCell(),
      render: row => formatCompactNumber(row.outputTokens),
    },
    {
      title: 'Per request',
      field: 'requests',
      type: 'numeric',
      sorting: false,
      cellStyle: moneyCell(),
      render: row => unitCost(row, row.requests, 1, currency),
    },
    {
      title: 'Per 1K tokens',
      field: 'tokens',
      type: 'numeric',
      sorting: false,
      cellStyle: moneyCell(),
      render: row => unitCost(row, row.tokens, 1000, currency),
    },
  ];
}

/** Spend per provider model with usage and unit costs; models without a known price are marked unpriced. */
export function ModelTable(props: { costs: EntityCostsResponse }) {
  const { byModel, currency } = props.costs;
  const tableColumns = useMemo(() => columns(currency), [currency]);
  const data = useMemo(() => {
    const shown = roundPartsToTotal(byModel.map(item => item.cost));
    return byModel.map((item, index): ModelRow => {
      const tokens =
        item.inputTokens +
        item.cachedInputTokens +
        item.cacheWriteTokens +
        item.outputTokens;
      return {
        ...item,
        id: `${item.source}:${item.provider}/${item.model}`,
        tokens,
        shownCost: shown[index],
        // The backend knows which models have no price (byModel[].unpriced).
        unpriced: item.unpriced,
      };
    });
  }, [byModel]);
  return (
    <AiCostTable<ModelRow>
      {...breakdownTableProps}
      title="Spend by model"
      minWidth={960}
      columns={tableColumns}
      data={data}
      emptyContent={<Typography>No model usage in this period.</Typography>}
    />
  );
}
