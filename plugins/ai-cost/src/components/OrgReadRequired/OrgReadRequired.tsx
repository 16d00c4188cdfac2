import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { aiCostOrgReadPermission } from '@ai-cost/plugin-ai-cost-common';

/**
 * Shown instead of the org-wide views when the backend answers 403: the
 * user lacks `ai-cost.org.read`.
 * @public
 */
export function OrgReadRequired() {
  return (
    <InfoCard title="Organization-wide AI costs need a permission">
      <Typography variant="body2" paragraph>
        You need the <code>{aiCostOrgReadPermission.name}</code> permission to
        see spend by team, system, domain, provider and model, unallocated spend
        and attribution problems. Ask your Backstage administrators to grant it
        in the permission policy.
      </Typography>
      <Typography variant="body2">
        The AI Cost tab of every entity you can see in the catalog still shows
        its costs.
      </Typography>
    </InfoCard>
  );
}
