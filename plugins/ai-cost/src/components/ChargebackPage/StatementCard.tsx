import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { ChargebackStatement } from '@ai-cost/plugin-ai-cost-common';
import { formatShare } from '../../utils/format';
import { monthLabel } from './months';
import { StatementStatusBanner } from './StatementStatusBanner';
import { StatementTable } from './StatementTable';

/** @public */
export interface StatementCardProps {
  statement: ChargebackStatement;
}

/** A month's chargeback statement: its status, coverage and lines. @public */
export function StatementCard(props: StatementCardProps) {
  const { statement } = props;
  return (
    <InfoCard title={`Statement for ${monthLabel(statement.month)}`}>
      <StatementStatusBanner statement={statement} />
      <Box marginTop={2} marginBottom={1}>
        <Typography variant="body2">
          <span data-testid="chargeback-coverage">
            {formatShare(statement.coverage)}
          </span>{' '}
          of the month's spend is allocated to catalog entities; the rest is
          charged as unallocated.
        </Typography>
      </Box>
      {statement.lines.length === 0 &&
      statement.unallocatedAdjustments.length === 0 &&
      statement.total === 0 ? (
        <Typography variant="body2">No spend in this month.</Typography>
      ) : (
        <StatementTable statement={statement} />
      )}
    </InfoCard>
  );
}
