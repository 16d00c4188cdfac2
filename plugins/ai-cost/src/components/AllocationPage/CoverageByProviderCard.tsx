import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import type { AllocationCoverage } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatShare } from '../../utils/format';
import { providerLabel } from '../../utils/labels';
import { moneyCell } from '../../utils/tableStyles';

/** @public */
export interface CoverageByProviderCardProps {
  coverage: AllocationCoverage;
}

/** Allocated and total spend per provider, least covered first. @public */
export function CoverageByProviderCard(props: CoverageByProviderCardProps) {
  const { coverage } = props;
  const money = (value: number) => formatCurrency(value, coverage.currency);
  const rows = [...coverage.byProvider].sort(
    (a, b) => a.coverage - b.coverage || b.total - a.total,
  );
  return (
    <InfoCard title="Coverage by provider">
      {rows.length === 0 ? (
        <Typography variant="body2">No spend in this period.</Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label="Coverage by provider">
            <TableHead>
              <TableRow>
                <TableCell>Provider</TableCell>
                <TableCell align="right">Coverage</TableCell>
                <TableCell align="right">Attributed</TableCell>
                <TableCell align="right">Total</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={row.provider}>
                  <TableCell>{providerLabel(row.provider)}</TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {formatShare(row.coverage)}
                  </TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {money(row.attributed)}
                  </TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {money(row.total)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </InfoCard>
  );
}
