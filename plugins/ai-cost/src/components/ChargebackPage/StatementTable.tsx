import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableFooter from '@material-ui/core/TableFooter';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ChargebackStatement } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatCurrencyChange } from '../../utils/format';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AdjustmentList } from './AdjustmentList';
import { shownStatementAmounts } from './statementAmounts';

const useStyles = makeStyles(theme => ({
  cell: { verticalAlign: 'top' },
  footer: {
    '& td': {
      color: theme.palette.text.primary,
      fontSize: theme.typography.body2.fontSize,
    },
  },
  strong: { fontWeight: theme.typography.fontWeightBold as number },
}));

/** @public */
export interface StatementTableProps {
  statement: ChargebackStatement;
}

/**
 * The lines of a chargeback statement with their cost centres and
 * adjustments, unallocated spend, and the totals they add up to.
 * @public
 */
export function StatementTable(props: StatementTableProps) {
  const { statement } = props;
  const classes = useStyles();
  const shown = shownStatementAmounts(statement);
  const { currency } = statement;
  const money = (value: number) => formatCurrency(value, currency);
  return (
    <Box overflow="auto">
      <Table size="small" aria-label="Chargeback statement">
        <TableHead>
          <TableRow>
            <TableCell>Charged to</TableCell>
            <TableCell>Cost centre</TableCell>
            <TableCell align="right">Cost</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {statement.lines.map((line, i) => (
            <TableRow key={line.entityRef}>
              <TableCell className={classes.cell} style={nameCell()}>
                <EntityRefLink entityRef={line.entityRef}>
                  {line.title}
                </EntityRefLink>
                <AdjustmentList
                  adjustments={line.adjustments}
                  shown={shown.lineAdjustments[i]}
                  currency={currency}
                  label={`Adjustments of ${line.title ?? line.entityRef}`}
                />
              </TableCell>
              <TableCell className={classes.cell}>
                {line.costCenter ?? '—'}
              </TableCell>
              <TableCell
                align="right"
                className={classes.cell}
                style={moneyCell()}
              >
                {money(shown.lines[i])}
              </TableCell>
            </TableRow>
          ))}
          <TableRow>
            <TableCell className={classes.cell} style={nameCell()}>
              Unallocated
              <AdjustmentList
                adjustments={statement.unallocatedAdjustments}
                shown={shown.unallocatedAdjustments}
                currency={currency}
                label="Adjustments of unallocated spend"
              />
            </TableCell>
            <TableCell className={classes.cell}>—</TableCell>
            <TableCell
              align="right"
              className={classes.cell}
              style={moneyCell()}
            >
              {money(shown.unallocated)}
            </TableCell>
          </TableRow>
        </TableBody>
        <TableFooter className={classes.footer}>
          <TableRow>
            <TableCell className={classes.strong} colSpan={2}>
              Total
            </TableCell>
            <TableCell
              align="right"
              className={classes.strong}
              style={moneyCell()}
              data-testid="chargeback-total"
            >
              {money(shown.total)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={2}>Adjustments</TableCell>
            <TableCell
              align="right"
              style={moneyCell()}
              data-testid="chargeback-adjustments-total"
            >
              {formatCurrencyChange(shown.adjustmentsTotal, currency)}
            </TableCell>
          </TableRow>
          <TableRow>
            <TableCell colSpan={2}>Total with adjustments</TableCell>
            <TableCell align="right" style={moneyCell()}>
              {money(shown.totalWithAdjustments)}
            </TableCell>
          </TableRow>
        </TableFooter>
      </Table>
    </Box>
  );
}
