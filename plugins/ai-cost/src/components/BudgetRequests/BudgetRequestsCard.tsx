import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import type { BudgetApprovalRequest } from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay } from '../../utils/format';
import { AiCostTabLink } from '../AiCostTabLink';
import { CardError } from '../CardError';
import { BudgetRequestActions } from './BudgetRequestActions';

const useStyles = makeStyles(theme => ({
  item: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  summary: { flex: '1 1 320px', minWidth: 0 },
  amount: { fontWeight: 600, fontVariantNumeric: 'tabular-nums' },
  actions: { display: 'flex', gap: theme.spacing(1) },
}));

/** @public */
export interface BudgetRequestsCardProps {
  /** Pending requests the user may see. */
  requests?: BudgetApprovalRequest[];
  error?: Error;
  /** Reloads the requests, after a decision or an error. */
  onReload(): void;
}

/**
 * Pending budget requests on the org page: the entity, the amount, who asked
 * and why, with Approve and Reject where the user is one of its approvers.
 * @public
 */
export function BudgetRequestsCard(props: BudgetRequestsCardProps) {
  const { requests: value = [], error, onReload } = props;
  const classes = useStyles();
  if (error) {
    return (
      <InfoCard title="Budget requests">
        <CardError
          error={error}
          what="the budget requests"
          onRetry={onReload}
        />
      </InfoCard>
    );
  }
  const deciding = value.filter(request => request.canDecide).length;
  return (
    <InfoCard
      title="Budget requests"
      subheader={
        deciding > 0
          ? `${value.length} pending, ${deciding} waiting for your decision`
          : `${value.length} pending`
      }
    >
      <List disablePadding aria-label="Pending budget requests">
        {value.map(request => (
          <ListItem key={request.id} className={classes.item} disableGutters>
            <div className={classes.summary}>
              <Typography variant="body1">
                <AiCostTabLink entityRef={request.entityRef} />:{' '}
                <span className={classes.amount}>
                  {formatCurrency(request.amount, request.currency)}
                </span>{' '}
                a {request.period}
                {request.scope && ` (${request.scope})`}
              </Typography>
              <Typography variant="body2" color="textSecondary">
                Asked by{' '}
                <EntityRefLink entityRef={request.requestedBy} hideIcon /> on{' '}
                {formatDay(request.requestedAt.slice(0, 10), {
                  withYear: true,
                })}
              </Typography>
              {request.businessCase && (
                <Box mt={0.5}>
                  <Typography variant="body2">
                    {request.businessCase}
                  </Typography>
                </Box>
              )}
            </div>
            <div className={classes.actions}>
              <BudgetRequestActions request={request} onDecided={onReload} />
            </div>
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
