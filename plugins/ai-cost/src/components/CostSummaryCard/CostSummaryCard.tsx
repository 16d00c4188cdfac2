import { Fragment } from 'react';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import {
  AI_SPEND_CATEGORY_LABELS,
  type EntityCostsResponse,
} from '@ai-cost/plugin-ai-cost-common';
import {
  formatCompactNumber,
  formatCurrency,
  formatInteger,
  formatUnitCost,
} from '../../utils/format';
import { dataFromLabel, historyGap } from '../../utils/history';
import { roundPartsToTotal } from '../../utils/roundParts';
import { UNPRICED_LABEL } from '../../utils/unpriced';
import { ChangeIndicator } from '../ChangeIndicator';

const useStyles = makeStyles(theme => ({
  headline: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(1),
  },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
}));

/** Total tokens of every type, reasoning included in output. */
export function totalTokens(
  total: Pick<
    EntityCostsResponse['total'],
    'inputTokens' | 'cachedInputTokens' | 'cacheWriteTokens' | 'outputTokens'
  >,
): number {
  return (
    total.inputTokens +
    total.cachedInputTokens +
    total.cacheWriteTokens +
    total.outputTokens
  );
}

/** @public */
export interface CostSummaryCardProps {
  costs: EntityCostsResponse;
}

/**
 * The spend per category (model APIs, self-hosted GPU, subscriptions, ...)
 * when there is more than model APIs, rounded to add up to what they break
 * down (the total less hidden descendants); empty otherwise.
 */
export function categoryLines(
  costs: EntityCostsResponse,
): EntityCostsResponse['byCategory'] {
  const lines = costs.byCategory;
  if (lines.every(line => line.category === 'model-api')) return [];
  const shown = roundPartsToTotal(
    lines.map(line => line.cost),
    costs.total.cost - costs.hiddenDescendants.cost,
  );
  return lines.map((line, i) => ({ ...line, cost: shown[i] }));
}

/**
 * Total spend of the window with its trend, own vs via children, spend per
 * category beyond model APIs, billed vs estimated, and unit costs.
 * @public
 */
export function CostSummaryCard(props: CostSummaryCardProps) {
  const { costs } = props;
  const { currency, total, previousPeriod } = costs;
  const classes = useStyles();
  const windowGap = historyGap(costs.from, costs.historyFrom);
  const money = (value: number) => formatCurrency(value, currency);
  const tokens = totalTokens(total);
  const billed = total.cost - costs.estimatedCost;
  const unpricedModels = costs.byModel.filter(item => item.unpriced);
  // Nothing priced: every model with usage is one without a known price.
  const allUnpriced =
    total.cost === 0 &&
    unpricedModels.length > 0 &&
    costs.byModel.every(item => item.unpriced || item.cost === 0);
  const unitCost = (count: number, per: number) => {
    if (allUnpriced) return UNPRICED_LABEL;
    return count > 0
      ? formatUnitCost((total.cost / count) * per, currency)
      : '—';
  };

  return (
    <InfoCard
      title="Total AI spend"
      subheader={`${costs.from} – ${costs.to} (UTC)${
        windowGap ? `, ${dataFromLabel(windowGap)}` : ''
      }`}
    >
      <div className={classes.headline}>
        <Typography variant="h3" component="p">
          {money(total.cost)}
        </Typography>
        {costs.demoCost > 0 && (
          <Tooltip
            title={`${money(
              costs.demoCost,
            )} of this total comes from synthetic demo sources`}
          >
            <Chip size="small" label="Demo data" color="secondary" />
          </Tooltip>
        )}
      </div>
      <ChangeIndicator
        current={total.cost}
        previous={previousPeriod.cost}
        currency={currency}
        suffix={`vs ${previousPeriod.from} – ${previousPeriod.to}`}
        noHistoryBefore={historyGap(previousPeriod.from, costs.historyFrom)}
      />
      <dl className={classes.facts}>
        <dt>Own</dt>
        <dd>{money(costs.own.cost)}</dd>
        <dt>Via children</dt>
        <dd>{money(costs.viaChildren.cost)}</dd>
        {categoryLines(costs).map(line => (
          <Fragment key={line.category}>
            <dt>{AI_SPEND_CATEGORY_LABELS[line.category]}</dt>
            <dd>{money(line.cost)}</dd>
          </Fragment>
        ))}
        <dt>Billed by providers</dt>
        <dd>{money(billed)}</dd>
        <dt>Estimated from usage</dt>
        <dd>
          {money(costs.estimatedCost)}
          {costs.estimatedCost > 0 &&
            ' (priced from usage where no bill exists: AI Cost prices, OpenCost allocations)'}
        </dd>
        {costs.demoCost > 0 && (
          <>
            <dt>Demo data</dt>
            <dd>{money(costs.demoCost)}</dd>
          </>
        )}
        <dt>Requests</dt>
        <dd>{formatInteger(total.requests)}</dd>
        <dt>Tokens</dt>
        <dd>{formatCompactNumber(tokens)}</dd>
        <dt>Per request</dt>
        <dd>{unitCost(total.requests, 1)}</dd>
        <dt>Per 1K tokens</dt>
        <dd>{unitCost(tokens, 1000)}</dd>
        {unpricedModels.length > 0 && (
          <>
            <dt>Unpriced usage</dt>
            <dd>
              {formatInteger(
                unpricedModels.reduce((sum, item) => sum + item.requests, 0),
              )}{' '}
              requests of models with no known price (
              {unpricedModels.map(item => item.model).join(', ')}), not in the
              total
            </dd>
          </>
        )}
      </dl>
    </InfoCard>
  );
}
