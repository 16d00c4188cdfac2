import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { MAX_ATTRIBUTION_VALUES_LIMIT } from '@ai-cost/plugin-ai-cost-common';
import { useSources } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { formatInteger } from '../../utils/format';
import { AttributionPreviewButton } from '../AttributionPreviewDialog';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';
import { filterValues } from './billedValues';
import { BilledValuesFilters } from './BilledValuesFilters';
import { BilledValuesTable } from './BilledValuesTable';
import { useBilledValues } from './useBilledValues';
import { useBilledValuesFilters } from './useBilledValuesFilters';

/** Rows the page shows at most. */
export const SHOWN_VALUES = 100;

/** Props of the billed values page. @public */
export type AiCostBilledValuesPageProps = Record<string, never>;

/**
 * The billed values page at `/ai-cost/billed-values` ("why is this $0?"):
 * every project, key, workspace, account, resource and tag seen in billing
 * over 90 days with its spend and who claims it, searchable and filtered by
 * provider, dimension and claim state; the `catalog-info.yaml` lines that
 * claim an unclaimed value; and a check of a `catalog-info.yaml` before it
 * is merged.
 * @public
 */
export function BilledValuesPage(_props: AiCostBilledValuesPageProps) {
  const [filters, setFilters] = useBilledValuesFilters();
  // The dimension and claim state are filtered here, from the costliest
  // values the server has; the search and provider by the server.
  const filteredHere = !!(filters.dimension || filters.state);
  const values = useBilledValues({
    provider: filters.provider,
    q: filters.q,
    limit: filteredHere ? MAX_ATTRIBUTION_VALUES_LIMIT : SHOWN_VALUES,
  });
  const sources = useSources();
  const forbidden = isForbidden(values.error);
  const response = values.value;
  const shown =
    response &&
    filterValues(
      response.items,
      {
        dimension: filters.dimension || undefined,
        state: filters.state || undefined,
      },
      SHOWN_VALUES,
      response.truncated,
    );
  const providers = [
    ...(sources.value ?? []).map(s => s.provider),
    ...(response?.items ?? []).map(v => v.provider),
  ];
  const filtered = !!(filters.q || filters.provider || filteredHere);

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost billed values"
        subtitle="Why is this $0? Every id and tag seen in billing, and who claims it"
      />
      <Content>
        <ContentHeader title="Billed values">
          <AttributionPreviewButton />
        </ContentHeader>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            {forbidden ? (
              <OrgReadRequired />
            ) : (
              <InfoCard
                title="Values seen in billing"
                subheader="Projects, API keys, workspaces, accounts, resources and tags billed over the last 90 days, costliest first. Spend shows on an entity once one of its annotations claims the value."
              >
                <BilledValuesFilters
                  filters={filters}
                  providers={providers}
                  onChange={setFilters}
                />
                {values.loading && response && (
                  <LinearProgress aria-label="Loading billed values" />
                )}
                {values.error && (
                  <CardError
                    error={values.error}
                    what="the billed values"
                    onRetry={values.retry}
                  />
                )}
                {!values.error && !response && (
                  <Progress aria-label="Loading billed values" />
                )}
                {!values.error && response && shown && (
                  <>
                    {shown.items.length === 0 ? (
                      <Typography variant="body2">
                        {filtered
                          ? 'No value seen in billing over the last 90 days matches the search and filters.'
                          : 'No value was seen in billing over the last 90 days. Once a billing source has run, its projects, keys, accounts and tags show here.'}
                      </Typography>
                    ) : (
                      <BilledValuesTable
                        items={shown.items}
                        currency={response.currency}
                        from={response.from}
                        to={response.to}
                      />
                    )}
                    {shown.truncated && (
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        role="status"
                        style={{ marginTop: 8 }}
                      >
                        More values match than shown: the{' '}
                        {formatInteger(shown.items.length)} costliest are
                        listed. Search or filter to find the others.
                      </Typography>
                    )}
                  </>
                )}
              </InfoCard>
            )}
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
