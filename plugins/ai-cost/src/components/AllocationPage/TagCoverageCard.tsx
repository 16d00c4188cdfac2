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
import { moneyCell } from '../../utils/tableStyles';
import { missingItemAction } from './coverageText';

/** Tag names and figures stay on one line; the missing items wrap. */
const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** @public */
export interface TagCoverageCardProps {
  coverage: AllocationCoverage;
}

/**
 * Per allocation tag: the share of spend with a value and the largest spend
 * without one, with what would give it a value.
 * @public
 */
export function TagCoverageCard(props: TagCoverageCardProps) {
  const { coverage } = props;
  const money = (value: number) => formatCurrency(value, coverage.currency);
  return (
    <InfoCard
      title="Coverage by tag"
      subheader="Spend carrying a value of each allocation tag"
    >
      {coverage.tags.length === 0 ? (
        <Typography variant="body2">
          No allocation tags are configured (<code>aiCost.allocation.tags</code>
          ).
        </Typography>
      ) : (
        <Box overflow="auto">
          <Table size="small" aria-label="Coverage by tag">
            <TableHead>
              <TableRow>
                <TableCell style={NO_WRAP}>Tag</TableCell>
                <TableCell align="right" style={NO_WRAP}>
                  Coverage
                </TableCell>
                <TableCell align="right" style={NO_WRAP}>
                  Tagged
                </TableCell>
                <TableCell>Top missing</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {coverage.tags.map(tag => (
                <TableRow key={tag.tag}>
                  <TableCell style={NO_WRAP}>
                    <code>{tag.tag}</code>
                  </TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {formatShare(tag.coverage)}
                  </TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {money(tag.cost)}
                  </TableCell>
                  <TableCell style={{ minWidth: 240 }}>
                    {tag.topMissing.length === 0 ? (
                      '—'
                    ) : (
                      <Box
                        component="ul"
                        margin={0}
                        paddingLeft={2}
                        aria-label={`Top missing ${tag.tag}`}
                      >
                        {tag.topMissing.map(item => (
                          <li
                            key={`${item.provider}|${item.dimension}|${item.value}`}
                          >
                            {missingItemAction(item)}: {money(item.cost)}
                          </li>
                        ))}
                      </Box>
                    )}
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
