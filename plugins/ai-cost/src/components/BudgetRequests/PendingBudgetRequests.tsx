import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useBudgetRequests } from '../../hooks';
import { formatDay } from '../../utils/format';
import { BudgetRequestActions } from './BudgetRequestActions';
import { budgetAmountText } from './budgetRequestText';

const useStyles = makeStyles(theme => ({
  line: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    width: '100%',
  },
}));

/**
 * One line per pending budget request of an entity the user may see, with
 * Approve and Reject for its approvers; nothing when there is none (or the
 * requests cannot be read). For the entity's budget card.
 */
export function PendingBudgetRequests(props: {
  entityRef: string;
  /** Called after a decision, e.g. to reload the budget status. */
  onDecided(): void;
}) {
  const { entityRef, onDecided } = props;
  const classes = useStyles();
  const { value, retry } = useBudgetRequests({
    status: 'pending',
    entityRef,
  });
  if (!value || value.length === 0) return null;
  return (
    <>
      {value.map(request => (
        <div key={request.id} className={classes.line}>
          <Typography variant="body2">
            Budget request pending: {budgetAmountText(request)}, asked by{' '}
            <EntityRefLink entityRef={request.requestedBy} hideIcon /> on{' '}
            {formatDay(request.requestedAt.slice(0, 10))}
          </Typography>
          <BudgetRequestActions
            request={request}
            onDecided={() => {
              retry();
              onDecided();
            }}
          />
        </div>
      ))}
    </>
  );
}
