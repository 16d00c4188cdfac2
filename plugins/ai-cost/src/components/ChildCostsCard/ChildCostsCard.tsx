import { useMemo } from 'react';
import Typography from '@material-ui/core/Typography';
import type { TableColumn } from '@backstage/core-components';
import type { EntityCostsResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { roundPartsToTotal } from '../../utils/roundParts';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';
import { AiCostTabLink } from '../AiCostTabLink';

type ChildRow = { id: string; shownCost: number } & (
  | ({ hidden: false } & EntityCostsResponse['byChild'][number])
  | { hidden: true; count: number; cost: number }
);

/** "3 entities you cannot see" */
export function hiddenEntitiesLabel(count: number): string {
  return `${count} ${count === 1 ? 'entity' : 'entities'} you cannot see`;
}

/**
 * A child listed with less than its own total: part of its spend (its
 * components') is counted under other children, or under their owners.
 */
function countedThroughParts(row: ChildRow): boolean {
  return !row.hidden && row.total > row.cost;
}

/** @public */
export interface ChildCostsCardProps {
  costs: EntityCostsResponse;
}

/**
 * Own spend vs spend via children, and the spend of each direct child
 * (components of a system, entities owned by a group, ...); children the
 * user may not read are counted, not named. A system or domain whose parts
 * are listed too shows no spend of its own here, with a note, so nothing
 * is counted twice; its link opens its AI Cost tab with its own total.
 * @public
 */
export function ChildCostsCard(props: ChildCostsCardProps) {
  const { costs } = props;
  const { currency } = costs;
  const money = (value: number) => formatCurrency(value, currency);

  const columns = useMemo(
    (): TableColumn<ChildRow>[] => [
      {
        title: 'Entity',
        highlight: true,
        cellStyle: nameCell(),
        render: row =>
          row.hidden ? (
            <Typography variant="body2" color="textSecondary" component="span">
              {hiddenEntitiesLabel(row.count)}
            </Typography>
          ) : (
            <AiCostTabLink entityRef={row.entityRef} title={row.title} />
          ),
      },
      { title: 'Kind', render: row => (row.hidden ? '—' : row.kind) },
      {
        title: 'Cost',
        field: 'cost',
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row => (
          <>
            {formatCurrency(row.shownCost, currency)}
            {!row.hidden && countedThroughParts(row) && (
              <Typography
                variant="caption"
                component="div"
                color="textSecondary"
              >
                {row.cost === 0
                  ? `counted through its components (${formatCurrency(
                      row.total,
                      currency,
                    )})`
                  : `${formatCurrency(
                      row.total,
                      currency,
                    )} with its components`}
              </Typography>
            )}
          </>
        ),
      },
      {
        title: 'Share',
        type: 'numeric',
        cellStyle: moneyCell(),
        render: row =>
          costs.total.cost > 0 ? formatShare(row.cost / costs.total.cost) : '—',
      },
    ],
    [currency, costs.total.cost],
  );

  const [shownOwn, shownVia] = roundPartsToTotal(
    [costs.own.cost, costs.viaChildren.cost],
    costs.total.cost,
  );

  const data = useMemo(() => {
    const children = [...costs.byChild].sort((a, b) => b.cost - a.cost);
    const hidden = costs.hiddenChildren.count > 0 ? [costs.hiddenChildren] : [];
    const shown = roundPartsToTotal(
      [...children.map(child => child.cost), ...hidden.map(h => h.cost)],
      shownVia,
    );
    return [
      ...children.map(
        (child, index): ChildRow => ({
          hidden: false,
          ...child,
          id: child.entityRef,
          shownCost: shown[index],
        }),
      ),
      ...hidden.map(
        (h): ChildRow => ({
          hidden: true,
          ...h,
          id: 'hidden',
          shownCost: shown[children.length],
        }),
      ),
    ];
  }, [costs.byChild, costs.hiddenChildren, shownVia]);

  const subtitle = `Own ${money(shownOwn)} · via children ${money(shownVia)}`;
  return (
    <AiCostTable<ChildRow>
      title="Spend by child entity"
      subtitle={
        data.some(countedThroughParts)
          ? `${subtitle}. A system or domain shows only its own spend here when its components are listed too: their spend counts once, under them. Its total with its components is noted below the amount.`
          : subtitle
      }
      minWidth={480}
      options={{
        paging: false,
        search: false,
        padding: 'dense',
        sorting: false,
      }}
      columns={columns}
      data={data}
      emptyContent={
        <Typography style={{ padding: 16 }}>
          No child entities with AI spend in this period.
        </Typography>
      }
    />
  );
}
