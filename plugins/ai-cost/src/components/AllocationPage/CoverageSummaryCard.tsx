import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, StatusOK, StatusWarning } from '@backstage/core-components';
import type { AllocationCoverage } from '@ai-cost/plugin-ai-cost-common';
import {
  formatCurrency,
  formatFraction,
  formatShare,
} from '../../utils/format';
import { chargebackStatusText } from './coverageText';

const useStyles = makeStyles(theme => ({
  amounts: {
    display: 'grid',
    gridTemplateColumns: 'auto auto',
    justifyContent: 'start',
    columnGap: theme.spacing(3),
    rowGap: theme.spacing(0.5),
    margin: theme.spacing(2, 0, 0),
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
}));

/** @public */
export interface CoverageSummaryCardProps {
  coverage: AllocationCoverage;
}

/**
 * The share of spend allocated to catalog entities against the chargeback
 * threshold, with attributed, unallocated and total spend.
 * @public
 */
export function CoverageSummaryCard(props: CoverageSummaryCardProps) {
  const { coverage } = props;
  const classes = useStyles();
  const money = (value: number) => formatCurrency(value, coverage.currency);
  const status = chargebackStatusText(coverage);
  return (
    <InfoCard
      title="Allocation coverage"
      subheader={`${coverage.from} to ${coverage.to}`}
    >
      <Typography variant="h3" component="p" data-testid="allocation-coverage">
        {formatShare(coverage.coverage)}
      </Typography>
      <Typography variant="body2" color="textSecondary">
        of spend is allocated to catalog entities; chargeback needs{' '}
        {formatFraction(coverage.threshold)}
      </Typography>
      <Box marginTop={1}>
        {coverage.chargebackReady ? (
          <StatusOK>{status}</StatusOK>
        ) : (
          <StatusWarning>{status}</StatusWarning>
        )}
      </Box>
      <dl className={classes.amounts}>
        <dt>Attributed</dt>
        <dd>{money(coverage.attributed)}</dd>
        <dt>Unallocated</dt>
        <dd>{money(coverage.unallocated)}</dd>
        <dt>Total</dt>
        <dd>{money(coverage.total)}</dd>
      </dl>
    </InfoCard>
  );
}
