import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  Page,
} from '@backstage/core-components';
import { usePeriod } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { OrgReadRequired } from '../OrgReadRequired';
import { InvalidPeriodNotice, PeriodPicker } from '../PeriodPicker';
import { CoverageSection } from './CoverageSection';
import { RulesSection } from './RulesSection';
import { useAllocationCoverage, useAllocationRules } from './useAllocation';

/** Props of the allocation page. @public */
export interface AiCostAllocationPageProps {
  /** The clock periods are computed from; defaults to the system time. */
  now?: () => Date;
}

/**
 * The allocation page at `/ai-cost/allocation` for admins and FinOps: how
 * much spend is allocated against the chargeback threshold (overall, per
 * provider, per tag with what is missing, per day), and the virtual-tag and
 * split rules with an editor that previews what a rule would move.
 * @public
 */
export function AllocationPage(props: AiCostAllocationPageProps) {
  const { now } = props;
  const { period, today, setPreset, setCustom } = usePeriod({ now });
  const coverage = useAllocationCoverage(period.error ? undefined : period);
  const rules = useAllocationRules();
  const forbidden = isForbidden(coverage.error) || isForbidden(rules.error);

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost allocation"
        subtitle="Allocation coverage, virtual tags and split rules: what blocks chargeback"
      />
      <Content>
        <ContentHeader title="Allocation & chargeback readiness">
          <PeriodPicker
            period={period}
            today={today}
            onPresetChange={setPreset}
            onCustomChange={setCustom}
          />
        </ContentHeader>
        <Grid container spacing={3}>
          {forbidden ? (
            <Grid item xs={12}>
              <OrgReadRequired />
            </Grid>
          ) : (
            <>
              {period.error ? (
                <Grid item xs={12}>
                  <InvalidPeriodNotice error={period.error} />
                </Grid>
              ) : (
                <CoverageSection
                  coverage={coverage.value}
                  loading={coverage.loading}
                  error={coverage.error}
                  onRetry={coverage.retry}
                />
              )}
              <Grid item xs={12}>
                <RulesSection
                  rules={rules.value}
                  loading={rules.loading}
                  error={rules.error}
                  onRetry={rules.retry}
                  onChanged={() => {
                    coverage.retry();
                    rules.retry();
                  }}
                />
              </Grid>
            </>
          )}
        </Grid>
      </Content>
    </Page>
  );
}
