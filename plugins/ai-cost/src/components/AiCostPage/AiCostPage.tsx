import type { ReactNode } from 'react';
import { Children } from 'react';
import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import {
  useAllocationTags,
  useAttributionStatus,
  useBudgetRequests,
  usePeriod,
  useRollup,
  useRollupGroupBy,
} from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { AiSpendCard } from '../AiSpendCard';
import { OrgAnomaliesCard } from '../AnomaliesCard';
import { AttributionCard } from '../AttributionCard';
import { BudgetRequestsCard } from '../BudgetRequests';
import { BudgetsSection } from '../BudgetsTable';
import { ExportCsvButton } from '../ExportCsvButton';
import { OrgPagesMenu } from '../OrgPagesMenu';
import { PolicyViolationsCard } from '../ModelPolicyCard';
import { OrgForecastCard } from '../OrgForecastCard';
import { OrgReadRequired } from '../OrgReadRequired';
import { InvalidPeriodNotice, PeriodPicker } from '../PeriodPicker';
import { RecommendationsCard } from '../RecommendationsCard';
import { RollupCard } from '../RollupCard';
import { ShadowAiCard } from '../ShadowAiCard';
import { SourcesSection } from '../SourcesTable';
import { TagEconomicsCard } from '../TagEconomicsCard';
import { TopMoversCard } from '../TopMoversCard';
import { UnallocatedSpendCard } from '../UnallocatedSpendCard';

/** @public */
export interface AiCostPageProps {
  /**
   * Extra cards shown below the rollups, such as a budgets table. In the new
   * frontend system they come from extensions attached to the `cards` input
   * of `page:ai-cost`.
   */
  cards?: ReactNode;
  /** The clock periods are computed from; defaults to the system time. */
  now?: () => Date;
}

/**
 * The org-wide AI Cost page at `/ai-cost`: all AI spend by category,
 * rollups by team, system, domain,
 * provider, model and allocation tag, top movers, unit economics per customer and feature,
 * unallocated spend with ownership guidance,
 * attribution problems, budgets (over budget first), recent anomalies,
 * recommendations with their total savings, expensed AI tools (approved
 * against shadow AI), and billing source freshness.
 * @public
 */
export function AiCostPage(props: AiCostPageProps) {
  const { cards, now } = props;
  const { period, today, setPreset, setCustom } = usePeriod({ now });
  const [groupBy, setGroupBy] = useRollupGroupBy();
  const rollup = useRollup(groupBy, period.error ? undefined : period);
  const byCategory = useRollup('category', period.error ? undefined : period);
  const allocationTags = useAllocationTags();
  const attribution = useAttributionStatus();
  const budgetRequests = useBudgetRequests({ status: 'pending' });
  const showBudgetRequests =
    Boolean(budgetRequests.error) || (budgetRequests.value?.length ?? 0) > 0;
  const forbidden = isForbidden(rollup.error);

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost"
        subtitle="AI spend across the organization, attributed to the catalog"
      />
      <Content>
        <ContentHeader title="Organization">
          <PeriodPicker
            period={period}
            today={today}
            onPresetChange={setPreset}
            onCustomChange={setCustom}
          />
          {!forbidden && !period.error && (
            <ExportCsvButton from={period.from} to={period.to} />
          )}
          {!forbidden && <OrgPagesMenu />}
        </ContentHeader>
        <Grid container spacing={3}>
          {/* Approvers may decide budget requests without org read access. */}
          {showBudgetRequests && (
            <Grid item xs={12}>
              <BudgetRequestsCard
                requests={budgetRequests.value}
                error={budgetRequests.error}
                onReload={budgetRequests.retry}
              />
            </Grid>
          )}
          {forbidden ? (
            <Grid item xs={12}>
              <OrgReadRequired />
            </Grid>
          ) : (
            <>
              {period.error && (
                <Grid item xs={12}>
                  <InvalidPeriodNotice error={period.error} />
                </Grid>
              )}
              {!period.error && (
                <Grid item xs={12}>
                  <AiSpendCard
                    rollup={byCategory.value}
                    loading={byCategory.loading}
                    error={byCategory.error}
                    onRetry={byCategory.retry}
                  />
                </Grid>
              )}
              {/* The current month whatever the period: all spend, unallocated included. */}
              <Grid item xs={12}>
                <OrgForecastCard />
              </Grid>
              <Grid item xs={12} lg={8}>
                <RollupCard
                  groupBy={groupBy}
                  onGroupByChange={setGroupBy}
                  rollup={rollup.value}
                  loading={rollup.loading}
                  error={rollup.error}
                  tags={allocationTags}
                />
              </Grid>
              <Grid item xs={12} lg={4}>
                {rollup.value && !rollup.loading && (
                  <TopMoversCard rollup={rollup.value} groupBy={groupBy} />
                )}
              </Grid>
              {!period.error && (
                <Grid item xs={12}>
                  <TagEconomicsCard window={period} />
                </Grid>
              )}
              {rollup.value && !rollup.loading && (
                <Grid item xs={12} lg={8}>
                  <UnallocatedSpendCard rollup={rollup.value} />
                </Grid>
              )}
              <Grid item xs={12} lg={4}>
                <AttributionCard
                  status={attribution.value}
                  loading={attribution.loading}
                  error={attribution.error}
                />
              </Grid>
              <Grid item xs={12}>
                <BudgetsSection />
              </Grid>
              {/* Full width, one under the other: side by side, the short
                  anomalies card left a blank area beside the long list of
                  recommendations. */}
              <Grid item xs={12}>
                <OrgAnomaliesCard />
              </Grid>
              <Grid item xs={12}>
                <RecommendationsCard
                  forbidden={<OrgReadRequired />}
                  now={now}
                />
              </Grid>
              {!period.error && (
                <Grid item xs={12}>
                  <PolicyViolationsCard window={period} />
                </Grid>
              )}
              {!period.error && (
                <Grid item xs={12}>
                  <ShadowAiCard window={period} />
                </Grid>
              )}
            </>
          )}
          {Children.map(cards, card => (
            <Grid item xs={12}>
              {card}
            </Grid>
          ))}
          <Grid item xs={12}>
            <SourcesSection />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
