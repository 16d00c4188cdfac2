import { Children, type ReactNode } from 'react';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useEntityCosts, usePeriod } from '../../hooks';
import { isForbidden, isNotFound } from '../../utils/errors';
import { ChildCostsCard } from '../ChildCostsCard';
import { ClaimsCard } from '../ClaimsCard';
import { CostBreakdownCard } from '../CostBreakdownCard';
import { CostSummaryCard } from '../CostSummaryCard';
import { DailyCostChart } from '../DailyCostChart';
import { ExportCsvButton } from '../ExportCsvButton';
import { NoSpendEmptyState } from '../NoSpendEmptyState';
import { PeriodPicker } from '../PeriodPicker';

const useStyles = makeStyles(theme => ({
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
  },
}));

function errorTitle(error: Error): string | undefined {
  if (isForbidden(error)) return 'You may not see the AI costs of this entity';
  if (isNotFound(error)) {
    return 'AI Cost does not know this entity, or you may not see it';
  }
  return undefined;
}

/** @public */
export interface EntityAiCostContentProps {
  /**
   * Extra cards shown below the summary, such as budget, anomaly or
   * recommendation cards. In the new frontend system they come from
   * extensions attached to the `cards` input of `entity-content:ai-cost`.
   */
  cards?: ReactNode;
  /** The clock periods are computed from; defaults to the system time. */
  now?: () => Date;
}

/**
 * The "AI Cost" tab of an entity: spend of the selected period with its
 * trend, daily chart, breakdowns, children and claims, and a CSV export.
 * @public
 */
export function EntityAiCostContent(props: EntityAiCostContentProps) {
  const { cards, now } = props;
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { period, today, setPreset, setCustom } = usePeriod({ now });
  const { value: costs, loading, error } = useEntityCosts(entityRef, period);
  const isEmpty =
    costs !== undefined && costs.total.cost === 0 && costs.claims.length === 0;

  return (
    <Grid container spacing={3}>
      <Grid item xs={12} className={classes.toolbar}>
        <PeriodPicker
          period={period}
          today={today}
          onPresetChange={setPreset}
          onCustomChange={setCustom}
        />
        <ExportCsvButton
          entityRef={entityRef}
          from={period.from}
          to={period.to}
        />
      </Grid>

      {loading && (
        <Grid item xs={12}>
          <Progress aria-label="Loading AI costs" />
        </Grid>
      )}
      {!loading && error && (
        <Grid item xs={12}>
          <ResponseErrorPanel error={error} title={errorTitle(error)} />
        </Grid>
      )}
      {!loading && costs && isEmpty && (
        <Grid item xs={12}>
          <NoSpendEmptyState entity={entity} />
        </Grid>
      )}
      {!loading && costs && !isEmpty && (
        <>
          <Grid item xs={12} md={4}>
            <CostSummaryCard costs={costs} />
          </Grid>
          <Grid item xs={12} md={8}>
            <DailyCostChart costs={costs} />
          </Grid>
        </>
      )}

      {Children.map(cards, card => (
        <Grid item xs={12} md={6}>
          {card}
        </Grid>
      ))}

      {!loading && costs && !isEmpty && (
        <>
          <Grid item xs={12}>
            <CostBreakdownCard costs={costs} />
          </Grid>
          {(costs.byChild.length > 0 || costs.hiddenChildren.count > 0) && (
            <Grid item xs={12} md={6}>
              <ChildCostsCard costs={costs} />
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <ClaimsCard claims={costs.claims} kind={costs.kind} />
          </Grid>
        </>
      )}
    </Grid>
  );
}
