import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../../api';
import { isForbidden } from '../../utils/errors';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';
import { DownloadPlanCsvButton } from './DownloadPlanCsvButton';
import { PlanExplanation } from './PlanExplanation';
import { PlanTable } from './PlanTable';
import { planYears } from './planYears';
import { usePlanYear } from './usePlanYear';
import { YearPicker } from './YearPicker';

/** Props of the plan page. @public */
export interface AiCostPlanPageProps {
  /** The clock the years offered are computed from; defaults to the system time. */
  now?: () => Date;
}

/**
 * The plan page at `/ai-cost/plan` for finance and team leads: a year of
 * AI spend per team — actual months, forecast months with their range, the
 * budget in force — with totals and a CSV.
 * @public
 */
export function PlanPage(props: AiCostPlanPageProps) {
  const today = (props.now ?? (() => new Date()))();
  const [year, setYear] = usePlanYear(today);
  const api = useApi(aiCostApiRef);
  const plan = useAsyncRetry(() => api.getPlan(year), [api, year]);
  const forbidden = isForbidden(plan.error);
  // The plan of the year picked before stays until the new one arrives.
  const shown = plan.value?.year === year ? plan.value : undefined;

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost plan"
        subtitle="A year of AI spend per team: actual months, forecasts and budgets"
      />
      <Content>
        <ContentHeader title={`Plan ${year}`}>
          <YearPicker year={year} years={planYears(today)} onChange={setYear} />
          {!forbidden && <DownloadPlanCsvButton year={year} />}
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            {forbidden && <OrgReadRequired />}
            {!forbidden && plan.error && (
              <InfoCard title="Plan">
                <CardError
                  error={plan.error}
                  what="the plan"
                  onRetry={plan.retry}
                />
              </InfoCard>
            )}
            {!plan.error && !shown && (
              <Progress aria-label="Loading the plan" />
            )}
            {!plan.error && shown && (
              <InfoCard title={`Spend per team, ${shown.year}`}>
                <PlanExplanation plan={shown} />
                <PlanTable plan={shown} />
              </InfoCard>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
