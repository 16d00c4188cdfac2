import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress, Table } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { PolicyViolation } from '@ai-cost/plugin-ai-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef, type CostWindow } from '../../api';
import { useReportingCurrency } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { formatCurrency } from '../../utils/format';
import { CardError } from '../CardError';
import { tierLabel } from './policyText';

const TITLE = 'Model policy violations';

/**
 * Every entity's spend in the window on models its policy does not allow,
 * most costly first, with the exceptions that cover some (org page; needs
 * `ai-cost.org.read`, hidden without it: the page explains that already).
 */
export function PolicyViolationsCard(props: { window: CostWindow }) {
  const { from, to } = props.window;
  const api = useApi(aiCostApiRef);
  const currency = useReportingCurrency();
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listPolicyViolations({ from, to }),
    [api, from, to],
  );
  if (error && isForbidden(error)) return null;
  if (!value) {
    return (
      <InfoCard title={TITLE}>
        {loading && <Progress aria-label="Loading policy violations" />}
        {error && (
          <CardError
            error={error}
            what="the policy violations"
            onRetry={retry}
          />
        )}
      </InfoCard>
    );
  }
  const open = value.filter(v => !v.exception);
  if (value.length === 0) {
    return (
      <InfoCard title={TITLE}>
        <Typography variant="body2">
          No spend on models outside their entity's policy in this period.
        </Typography>
      </InfoCard>
    );
  }
  return (
    <Table<PolicyViolation>
      title={TITLE}
      subtitle={`${open.length} without exception · ${formatCurrency(
        open.reduce((sum, v) => sum + v.cost, 0),
        currency,
      )}`}
      options={{ paging: value.length > 10, pageSize: 10, search: false }}
      data={value}
      columns={[
        {
          title: 'Entity',
          field: 'entityRef',
          render: v => <EntityRefLink entityRef={v.entityRef} />,
        },
        { title: 'Model', field: 'model' },
        {
          title: 'Tier',
          render: v =>
            `${tierLabel(v.tier)}${
              v.allowedTier ? ` (max ${tierLabel(v.allowedTier)})` : ''
            }`,
        },
        {
          title: 'Spend',
          field: 'cost',
          type: 'numeric',
          render: v => formatCurrency(v.cost, currency),
        },
        { title: 'Days', field: 'days', type: 'numeric' },
        {
          title: 'Exception',
          render: v =>
            v.exception ? `until ${v.exception.expiresAt}` : 'none',
        },
      ]}
    />
  );
}
