import { Children, type ReactNode } from 'react';
import type { Entity } from '@backstage/catalog-model';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  useClaimStates,
  useEntityCosts,
  usePeriod,
  useSpendForecast,
} from '../../hooks';
import { isForbidden, isNotFound } from '../../utils/errors';
import { EntityAnomaliesCard } from '../AnomaliesCard';
import { EntityBudgetStatusCard } from '../BudgetStatusCard';
import { ChildCostsCard } from '../ChildCostsCard';
import { ClaimsCard } from '../ClaimsCard';
import { CostBreakdownCard } from '../CostBreakdownCard';
import { CostByTagCard, hasTagBreakdown } from '../CostByTagCard';
import { CostSummaryCard } from '../CostSummaryCard';
import { DailyCostChart } from '../DailyCostChart';
import { ExportCsvButton } from '../ExportCsvButton';
import { NoSpendEmptyState } from '../NoSpendEmptyState';
import { InvalidPeriodNotice, PeriodPicker } from '../PeriodPicker';
import { EntityModelPolicyCard } from '../ModelPolicyCard';
import { EntityRecommendationsCard } from '../RecommendationsCard';
import { UnitEconomicsCard } from '../UnitEconomicsCard';

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

/**
 * A card on the AI Cost tab. `content` cards take the full width, others
 * half of it; a card whose `filter` rejects the entity is left out.
 */
export interface AiCostTabCard {
  element: ReactNode;
  type?: 'info' | 'content';
  filter?: (entity: Entity) => boolean;
}

/** @public */
export interface EntityAiCostContentProps {
  /**
   * Extra cards shown next to the budget, anomaly and recommendation
   * cards, each half the width of the tab.
   */
  cards?: ReactNode;
  /**
   * Whether the tab shows its budget status, recent anomalies and
   * recommendations cards; true by default.
   */
  defaultCards?: boolean;
  /** The clock periods are computed from; defaults to the system time. */
  now?: () => Date;
}

/** The budget, anomalies, model policy and recommendations cards of the tab. */
export function defaultAiCostTabCards(now?: () => Date): AiCostTabCard[] {
  return [
    { element: <EntityBudgetStatusCard />, type: 'info' },
    { element: <EntityAnomaliesCard />, type: 'info' },
    { element: <EntityModelPolicyCard now={now} />, type: 'info' },
    { element: <EntityRecommendationsCard now={now} />, type: 'content' },
  ];
}

/**
 * The "AI Cost" tab of an entity: spend of the selected period with its
 * trend and daily chart, the spend of its children, unit economics, budget status, recent
 * anomalies and recommendations, breakdowns (allocation tags and shared
 * spend included) and claims, and a CSV export.
 * @public
 */
export function EntityAiCostContent(props: EntityAiCostContentProps) {
  const { cards, defaultCards = true, now } = props;
  return (
    <AiCostTab
      now={now}
      cards={[
        ...(defaultCards ? defaultAiCostTabCards(now) : []),
        ...Children.toArray(cards).map(element => ({ element })),
      ]}
    />
  );
}

/**
 * The tab's layout with the given cards; the new frontend system passes the
 * cards attached to `entity-content:ai-cost`.
 */
export function AiCostTab(props: { cards: AiCostTabCard[]; now?: () => Date }) {
  const { now } = props;
  const classes = useStyles();
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const { period, today, setPreset, setCustom } = usePeriod({ now });
  const {
    value: costs,
    loading,
    error,
  } = useEntityCosts(entityRef, period.error ? undefined : period);
  const claimStates = useClaimStates(entityRef);
  // Only a window that reaches today shows the current month's forecast.
  const forecast = useSpendForecast({
    entityRef,
    skip: Boolean(period.error) || period.from > today || period.to < today,
  });
  const isEmpty =
    costs !== undefined && costs.total.cost === 0 && costs.claims.length === 0;
  const cards = props.cards.filter(card => !card.filter || card.filter(entity));
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} className={classes.toolbar}>
        <PeriodPicker
          period={period}
          today={today}
          onPresetChange={setPreset}
          onCustomChange={setCustom}
        />
        {!period.error && (
          <ExportCsvButton
            entityRef={entityRef}
            from={period.from}
            to={period.to}
          />
        )}
      </Grid>

      {period.error && (
        <Grid item xs={12}>
          <InvalidPeriodNotice error={period.error} />
        </Grid>
      )}

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
            <DailyCostChart
              costs={costs}
              forecast={forecast.value}
              forecastError={forecast.error}
            />
          </Grid>
          {(costs.byChild.length > 0 || costs.hiddenChildren.count > 0) && (
            <Grid item xs={12}>
              <ChildCostsCard costs={costs} />
            </Grid>
          )}
        </>
      )}

      {/* Shown with or without spend: it explains a missing metric itself. */}
      {!period.error && !error && (
        <Grid item xs={12}>
          <UnitEconomicsCard entityRef={entityRef} window={period} />
        </Grid>
      )}

      {cards.map((card, index) => (
        <Grid key={index} item xs={12} md={card.type === 'content' ? 12 : 6}>
          {card.element}
        </Grid>
      ))}

      {!loading && costs && !isEmpty && (
        <>
          <Grid item xs={12}>
            <CostBreakdownCard costs={costs} />
          </Grid>
          {hasTagBreakdown(costs) && (
            <Grid item xs={12} md={6}>
              <CostByTagCard costs={costs} />
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <ClaimsCard
              claims={costs.claims}
              kind={costs.kind}
              states={claimStates.value?.claims}
            />
          </Grid>
        </>
      )}
    </Grid>
  );
}
