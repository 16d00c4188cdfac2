import { Fragment, useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { CodeSnippet } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AttributionValue } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay } from '../../utils/format';
import { dimensionLabel, providerLabel } from '../../utils/labels';
import { claimSnippet } from '../../utils/snippets';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { claimStateOf, snippetAnnotation } from './billedValues';

const useStyles = makeStyles(theme => ({
  table: { minWidth: 960, '& th': { whiteSpace: 'nowrap' } },
  cell: { verticalAlign: 'top' },
  label: { verticalAlign: 'top', whiteSpace: 'nowrap' },
  value: { verticalAlign: 'top', minWidth: 220, overflowWrap: 'anywhere' },
  unclaimed: { color: theme.palette.warning.main, fontWeight: 500 },
  conflict: { color: theme.palette.error.main, fontWeight: 500 },
  snippetRow: { '& > td': { borderTop: 0 } },
}));

function keyOf(v: AttributionValue) {
  return `${v.provider}\u0000${v.dimension}\u0000${v.value}`;
}

function Refs(props: { refs: string[] }) {
  return (
    <>
      {props.refs.map((ref, i) => (
        <Fragment key={ref}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={ref} />
        </Fragment>
      ))}
    </>
  );
}

/** Who claims a value, with a "Claim it" toggle for unclaimed ones that can be claimed. */
function ClaimState(props: {
  value: AttributionValue;
  open: boolean;
  onToggle(): void;
}) {
  const { value, open, onToggle } = props;
  const classes = useStyles();
  switch (claimStateOf(value)) {
    case 'claimed':
      return (
        <>
          Claimed by <Refs refs={value.claimedBy} />
        </>
      );
    case 'conflict':
      return (
        <>
          <span className={classes.conflict}>Conflict:</span> claimed equally by{' '}
          <Refs refs={value.claimedBy} />
        </>
      );
    default:
      return (
        <>
          <span className={classes.unclaimed}>Unclaimed</span>
          {value.snippet ? (
            <Box mt={0.5}>
              <Button
                size="small"
                variant="outlined"
                aria-expanded={open}
                aria-label={`Claim ${value.value}`}
                onClick={onToggle}
              >
                {open ? 'Hide snippet' : 'Claim it'}
              </Button>
            </Box>
          ) : (
            <Typography variant="caption" color="textSecondary" display="block">
              No annotation claims a{' '}
              {dimensionLabel(value.provider, value.dimension)} of{' '}
              {providerLabel(value.provider)}.
            </Typography>
          )}
        </>
      );
  }
}

/** @public */
export interface BilledValuesTableProps {
  items: AttributionValue[];
  currency: string;
  /** The window the spend is summed over, for the column header. */
  from: string;
  to: string;
}

/**
 * Values seen in billing with their spend, the last day they were billed and
 * who claims them; an unclaimed value opens the `catalog-info.yaml` lines
 * that would claim it.
 * @public
 */
export function BilledValuesTable(props: BilledValuesTableProps) {
  const { items, currency, from, to } = props;
  const classes = useStyles();
  const scrollCue = useScrollCueStyles();
  const [open, setOpen] = useState<string | undefined>();
  return (
    // Focusable, so that keyboard users can scroll it sideways.
    <Box
      className={scrollCue.scroll}
      role="region"
      aria-label="Billed values, scrolls sideways"
      tabIndex={0}
    >
      <Table size="small" aria-label="Billed values" className={classes.table}>
        <TableHead>
          <TableRow>
            <TableCell>Provider</TableCell>
            <TableCell>Dimension</TableCell>
            <TableCell>Value</TableCell>
            <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
              Spend ({formatDay(from)} – {formatDay(to, { withYear: true })})
            </TableCell>
            <TableCell>Last seen</TableCell>
            <TableCell>Claim</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {items.map(item => {
            const key = keyOf(item);
            const annotation = snippetAnnotation(item.snippet);
            const isOpen = open === key && !!annotation;
            return (
              <Fragment key={key}>
                <TableRow>
                  <TableCell className={classes.label}>
                    {providerLabel(item.provider)}
                  </TableCell>
                  <TableCell className={classes.label}>
                    {dimensionLabel(item.provider, item.dimension)}
                  </TableCell>
                  <TableCell className={classes.value}>
                    <code>{item.value}</code>
                  </TableCell>
                  <TableCell
                    align="right"
                    className={classes.cell}
                    style={moneyCell()}
                    data-testid="billed-value-spend"
                  >
                    {formatCurrency(item.cost, currency)}
                  </TableCell>
                  <TableCell
                    className={classes.cell}
                    style={{ whiteSpace: 'nowrap' }}
                  >
                    {formatDay(item.lastSeen, { withYear: true })}
                  </TableCell>
                  <TableCell className={classes.cell} style={nameCell()}>
                    <ClaimState
                      value={item}
                      open={isOpen}
                      onToggle={() => setOpen(isOpen ? undefined : key)}
                    />
                  </TableCell>
                </TableRow>
                {isOpen && annotation && (
                  <TableRow className={classes.snippetRow}>
                    <TableCell colSpan={6}>
                      <Typography variant="body2" gutterBottom>
                        Add this annotation to the{' '}
                        <code>catalog-info.yaml</code> of the entity that owns
                        this spend; if it already has <code>{annotation}</code>,
                        append the value to its comma-separated list. The spend
                        moves to it on the next attribution run.
                      </Typography>
                      <Box maxWidth={720}>
                        <CodeSnippet
                          language="yaml"
                          text={claimSnippet(annotation, item.value)}
                          showCopyCodeButton
                        />
                      </Box>
                    </TableCell>
                  </TableRow>
                )}
              </Fragment>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}
