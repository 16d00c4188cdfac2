import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AttributionPreviewResponse } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay } from '../../utils/format';
import { dimensionLabel, providerLabel } from '../../utils/labels';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { moneyCell, nameCell } from '../../utils/tableStyles';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** @public */
export interface AttributionPreviewResultProps {
  preview: AttributionPreviewResponse;
}

/**
 * What a previewed entity would claim: each value with its spend, when it
 * was last billed and the entities it would conflict with; then the
 * annotations that would not claim what they seem to.
 * @public
 */
export function AttributionPreviewResult(props: AttributionPreviewResultProps) {
  const { preview } = props;
  const scrollCue = useScrollCueStyles();
  const window = `${formatDay(preview.from)} – ${formatDay(preview.to, {
    withYear: true,
  })}`;
  return (
    <Box mt={2}>
      <Typography variant="subtitle1" gutterBottom>
        What <code>{preview.entityRef}</code> would claim
      </Typography>
      {preview.claims.length === 0 ? (
        <Typography variant="body2" paragraph>
          It claims no billed value: none of its annotations is an{' '}
          <code>ai-cost/*</code> annotation that claims spend.
        </Typography>
      ) : (
        // Focusable, so that keyboard users can scroll it sideways.
        <Box
          className={scrollCue.scroll}
          role="region"
          aria-label="Claims of the entity, scrolls sideways"
          tabIndex={0}
          mb={2}
        >
          <Table
            size="small"
            aria-label="Claims of the entity"
            style={{ minWidth: 720 }}
          >
            <TableHead>
              <TableRow>
                <TableCell style={NO_WRAP}>Provider</TableCell>
                <TableCell style={NO_WRAP}>Dimension</TableCell>
                <TableCell>Value</TableCell>
                <TableCell align="right" style={NO_WRAP}>
                  Spend ({window})
                </TableCell>
                <TableCell style={NO_WRAP}>Last billed</TableCell>
                <TableCell style={NO_WRAP}>Conflicts with</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {preview.claims.map(claim => (
                <TableRow
                  key={`${claim.annotation}\u0000${claim.dimension}\u0000${claim.value}`}
                >
                  <TableCell style={NO_WRAP}>
                    {providerLabel(claim.provider)}
                  </TableCell>
                  <TableCell style={nameCell({ minWidth: 100 })}>
                    {dimensionLabel(claim.provider, claim.dimension)}
                    <Typography
                      variant="caption"
                      color="textSecondary"
                      display="block"
                    >
                      {claim.annotation}
                    </Typography>
                  </TableCell>
                  <TableCell
                    style={{ minWidth: 180, overflowWrap: 'anywhere' }}
                  >
                    <code>{claim.value}</code>
                  </TableCell>
                  <TableCell align="right" style={moneyCell()}>
                    {formatCurrency(claim.cost, preview.currency)}
                  </TableCell>
                  <TableCell style={NO_WRAP}>
                    {claim.lastSeen
                      ? formatDay(claim.lastSeen, { withYear: true })
                      : 'Never billed'}
                  </TableCell>
                  <TableCell style={nameCell()}>
                    {claim.conflictsWith.length === 0
                      ? 'None'
                      : claim.conflictsWith.map((ref, i) => (
                          <span key={ref}>
                            {i > 0 && ', '}
                            <EntityRefLink entityRef={ref} />
                          </span>
                        ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
      {preview.claims.some(c => !c.lastSeen) && (
        <Typography variant="body2" paragraph>
          A value never billed claims nothing yet: check that it is the id the
          provider reports, or that its billing source is configured.
        </Typography>
      )}
      {preview.problems.length > 0 && (
        <Alert severity="warning" aria-label="Problems of the entity">
          <Typography variant="subtitle2">Problems</Typography>
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {preview.problems.map((problem, i) => (
              <li key={`${problem.annotation}-${i}`}>
                <code>{problem.annotation}</code>: {problem.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </Box>
  );
}
