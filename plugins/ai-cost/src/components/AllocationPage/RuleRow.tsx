import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import TableCell from '@material-ui/core/TableCell';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatCurrency } from '../../utils/format';
import { moneyCell } from '../../utils/tableStyles';
import { matchChips, ruleAction, type AllocationRuleView } from './ruleText';

/** @public */
export interface RuleRowProps {
  rule: AllocationRuleView;
  currency: string;
  onEdit(rule: AllocationRuleView): void;
  onDelete(rule: AllocationRuleView): void;
}

/** One allocation rule: what it matches and does, its matched spend and problems. */
export function RuleRow(props: RuleRowProps) {
  const { rule, currency, onEdit, onDelete } = props;
  const chips = matchChips(rule.match);
  return (
    <TableRow>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        <code>{rule.id}</code>{' '}
        <Chip
          size="small"
          variant="outlined"
          label={rule.source}
          color={rule.source === 'portal' ? 'primary' : 'default'}
        />
      </TableCell>
      <TableCell style={{ minWidth: 160 }}>
        {chips.length === 0 ? (
          'Everything'
        ) : (
          <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
            {chips.map(chip => (
              <Chip key={chip} size="small" label={chip} />
            ))}
          </Box>
        )}
      </TableCell>
      <TableCell style={{ minWidth: 200 }}>{ruleAction(rule)}</TableCell>
      <TableCell align="right" style={moneyCell()}>
        {formatCurrency(rule.matchedCost, currency)}
      </TableCell>
      <TableCell style={{ minWidth: 160 }}>
        {rule.problems.length === 0
          ? '—'
          : rule.problems.map(problem => (
              <Typography key={problem} variant="body2" color="error">
                {problem}
              </Typography>
            ))}
      </TableCell>
      <TableCell style={{ whiteSpace: 'nowrap' }}>
        {rule.source === 'portal' ? (
          <>
            <Button
              size="small"
              aria-label={`Edit ${rule.id}`}
              onClick={() => onEdit(rule)}
            >
              Edit
            </Button>
            <Button
              size="small"
              aria-label={`Delete ${rule.id}`}
              onClick={() => onDelete(rule)}
            >
              Delete
            </Button>
          </>
        ) : (
          <Typography variant="body2" color="textSecondary">
            defined in app-config
          </Typography>
        )}
      </TableCell>
    </TableRow>
  );
}
