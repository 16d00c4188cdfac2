import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { aiCostAdminPermission } from '@ai-cost/plugin-ai-cost-common';
import { useSources } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { SourcesTable } from './SourcesTable';

/**
 * The billing sources table with its loading and error states; a 403
 * explains that sources are for AI Cost administrators.
 */
export function SourcesSection() {
  const { value, loading, error } = useSources();
  if (loading) return <Progress aria-label="Loading billing sources" />;
  if (error && isForbidden(error)) {
    return (
      <InfoCard title="Billing sources">
        <Typography variant="body2">
          Billing sources, their freshness and their errors are shown to AI Cost
          administrators (<code>{aiCostAdminPermission.name}</code>).
        </Typography>
      </InfoCard>
    );
  }
  if (error) {
    return (
      <ResponseErrorPanel
        error={error}
        title="Could not load the billing sources"
      />
    );
  }
  return value ? <SourcesTable sources={value} /> : null;
}
