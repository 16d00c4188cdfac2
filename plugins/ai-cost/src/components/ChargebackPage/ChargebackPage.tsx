import Grid from '@material-ui/core/Grid';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { isForbidden } from '../../utils/errors';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';
import { CloseMonthButton } from './CloseMonthButton';
import { DownloadChargebackCsvButton } from './DownloadChargebackCsvButton';
import { MonthPicker } from './MonthPicker';
import { recentMonths } from './months';
import { StatementCard } from './StatementCard';
import { useChargeback } from './useChargeback';
import { useChargebackMonth } from './useChargebackMonth';

/** Props of the chargeback page. @public */
export interface AiCostChargebackPageProps {
  /** The clock the months offered are computed from; defaults to the system time. */
  now?: () => Date;
}

/**
 * The chargeback page at `/ai-cost/chargeback` for finance: a month's
 * statement per owning group with cost centres, unallocated spend and
 * restatements of closed months, as CSV, and month close for admins.
 * @public
 */
export function ChargebackPage(props: AiCostChargebackPageProps) {
  const today = (props.now ?? (() => new Date()))();
  const [month, setMonth] = useChargebackMonth(today);
  const chargeback = useChargeback(month);
  const forbidden = isForbidden(chargeback.error);
  // The statement of the month picked before stays until the new one arrives.
  const statement =
    chargeback.value?.month === month ? chargeback.value : undefined;

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost chargeback"
        subtitle="Monthly statements per owning team with cost centres, for finance"
      />
      <Content>
        <ContentHeader title="Chargeback statement">
          <MonthPicker
            month={month}
            months={recentMonths(today)}
            onChange={setMonth}
          />
          {!forbidden && <DownloadChargebackCsvButton month={month} />}
          {statement?.status === 'open' && (
            <CloseMonthButton month={month} onClosed={chargeback.retry} />
          )}
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            {forbidden && <OrgReadRequired />}
            {!forbidden && chargeback.error && (
              <InfoCard title="Chargeback statement">
                <CardError
                  error={chargeback.error}
                  what="the chargeback statement"
                  onRetry={chargeback.retry}
                />
              </InfoCard>
            )}
            {!chargeback.error && !statement && (
              <Progress aria-label="Loading the chargeback statement" />
            )}
            {!chargeback.error && statement && (
              <StatementCard statement={statement} />
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
