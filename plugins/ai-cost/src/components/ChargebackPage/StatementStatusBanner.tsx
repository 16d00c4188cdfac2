import Alert from '@material-ui/lab/Alert';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ChargebackStatement } from '@ai-cost/plugin-ai-cost-common';
import { formatDay } from '../../utils/format';

/** Who closed a month: a link for a catalog user, else the principal as written. */
function ClosedBy(props: { closedBy?: string }) {
  const { closedBy } = props;
  if (!closedBy) return <>an admin</>;
  try {
    parseEntityRef(closedBy);
  } catch {
    return <>{closedBy}</>;
  }
  return <EntityRefLink entityRef={closedBy} hideIcon />;
}

/** @public */
export interface StatementStatusBannerProps {
  statement: ChargebackStatement;
}

/** Whether the statement may still change (open) or is final (closed). @public */
export function StatementStatusBanner(props: StatementStatusBannerProps) {
  const { statement } = props;
  if (statement.status === 'closed') {
    const on = statement.closedAt
      ? ` on ${formatDay(statement.closedAt.slice(0, 10), { withYear: true })}`
      : '';
    return (
      <Alert severity="success" role="status">
        Closed by <ClosedBy closedBy={statement.closedBy} />
        {on} — this month never changes
      </Alert>
    );
  }
  return (
    <Alert severity="info" role="status">
      Open — amounts still change as billing data arrives; an admin closes the
      month once it has ended
    </Alert>
  );
}
