import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { formatCurrency } from '../../utils/format';
import { moneyCell } from '../../utils/tableStyles';
import type { RulePreviewState } from './useRulePreview';

/** @public */
export interface RulePreviewProps {
  kind: 'virtualTag' | 'split';
  state: RulePreviewState;
  /** False until the rule says what it does. */
  ready: boolean;
}

/** What a candidate rule matches and moves over the last 30 days. */
export function RulePreview(props: RulePreviewProps) {
  const { kind, state, ready } = props;
  const { preview, error, loading } = state;
  const none = kind === 'split' ? 'Unallocated' : 'No value';
  const name = (value: string | null) => value ?? none;
  return (
    <Box aria-live="polite" marginTop={2}>
      <Typography variant="subtitle2" component="h3">
        Preview
      </Typography>
      {!ready && (
        <Typography variant="body2" color="textSecondary">
          {kind === 'split'
            ? 'Name the targets to see what the rule would move.'
            : 'Give the value to see what the rule would move.'}
        </Typography>
      )}
      {loading && <LinearProgress aria-label="Previewing the rule" />}
      {error && (
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      )}
      {!error && preview && (
        <>
          <Typography variant="body2" paragraph>
            Matches {formatCurrency(preview.matchedCost, preview.currency)} from{' '}
            {preview.from} to {preview.to}
            {preview.moves.length === 0 && '; moves nothing.'}
          </Typography>
          {preview.moves.length > 0 && (
            <Box overflow="auto">
              <Table size="small" aria-label="Spend the rule moves">
                <TableHead>
                  <TableRow>
                    <TableCell>From</TableCell>
                    <TableCell>To</TableCell>
                    <TableCell align="right">Cost</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {preview.moves.map(move => (
                    <TableRow key={`${move.from}|${move.to}`}>
                      <TableCell>{name(move.from)}</TableCell>
                      <TableCell>{name(move.to)}</TableCell>
                      <TableCell align="right" style={moneyCell()}>
                        {formatCurrency(move.cost, preview.currency)}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Box>
  );
}
