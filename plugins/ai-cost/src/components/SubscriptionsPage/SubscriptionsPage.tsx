import { useState } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { makeStyles } from '@material-ui/core/styles';
import {
  Content,
  ContentHeader,
  Header,
  InfoCard,
  Page,
  Progress,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { SubscriptionView } from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { errorMessage, isForbidden } from '../../utils/errors';
import { formatCurrency } from '../../utils/format';
import { useScrollCueStyles } from '../../utils/scrollCue';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';
import { SubscriptionEditorDialog } from './SubscriptionEditorDialog';

const useStyles = makeStyles({
  money: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  // Below this width the table scrolls sideways instead of squeezing its
  // columns letter by letter.
  table: { minWidth: 980, '& th': { whiteSpace: 'nowrap' } },
  name: { minWidth: 120, wordBreak: 'normal', overflowWrap: 'normal' },
  assignee: { minWidth: 260 },
});

/** Props of the subscriptions page. @public */
export interface AiCostSubscriptionsPageProps {}

type Editing = { subscription?: SubscriptionView } | undefined;

/** Who pays: the entity, or the groups splitting it by their member counts. */
function AssignedTo(props: { subscription: SubscriptionView }) {
  const { entityRef, groups } = props.subscription;
  if (entityRef) return <EntityRefLinks entityRefs={[entityRef]} />;
  if (groups) {
    return (
      <>
        <EntityRefLinks entityRefs={groups} /> (by members)
      </>
    );
  }
  return <>Unallocated</>;
}

/**
 * The subscriptions page at `/ai-cost/subscriptions` for admins and FinOps:
 * seat and flat-fee subscriptions with this month's cost per seat and per
 * active seat, and an editor for the portal's.
 * @public
 */
export function SubscriptionsPage(_props: AiCostSubscriptionsPageProps) {
  const classes = useStyles();
  const scrollCue = useScrollCueStyles();
  const api = useApi(aiCostApiRef);
  const list = useAsyncRetry(() => api.getSubscriptions(), [api]);
  const [editing, setEditing] = useState<Editing>();
  const [deleting, setDeleting] = useState<string>();
  const [deleteError, setDeleteError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const currency = list.value?.currency ?? 'USD';
  const money = (value: number | null, inCurrency = currency) =>
    value === null ? '–' : formatCurrency(value, inCurrency);

  async function remove() {
    if (!deleting) return;
    setBusy(true);
    setDeleteError(undefined);
    try {
      await api.deleteSubscription(deleting);
      setDeleting(undefined);
      list.retry();
    } catch (e) {
      setDeleteError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  let body: JSX.Element | null;
  if (isForbidden(list.error)) {
    body = <OrgReadRequired />;
  } else if (list.error) {
    body = (
      <InfoCard title="Subscriptions">
        <CardError
          error={list.error}
          what="subscriptions"
          onRetry={list.retry}
        />
      </InfoCard>
    );
  } else if (!list.value) {
    body = <Progress aria-label="Loading subscriptions" />;
  } else {
    const subscriptions = list.value.subscriptions;
    body = (
      <InfoCard
        title="Subscriptions"
        subheader={`Costs of ${list.value.month}, amortised per day`}
        action={
          <Button
            color="primary"
            variant="outlined"
            onClick={() => setEditing({})}
          >
            Add subscription
          </Button>
        }
      >
        {subscriptions.length === 0 ? (
          <Typography>
            No subscriptions yet. Add one here or under aiCost.subscriptions in
            app-config.
          </Typography>
        ) : (
          // Focusable, so that keyboard users can scroll it sideways.
          <Box
            className={scrollCue.scroll}
            role="region"
            aria-label="Subscriptions, scrolls sideways"
            tabIndex={0}
          >
            <Table
              size="small"
              aria-label="Subscriptions"
              className={classes.table}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Vendor</TableCell>
                  <TableCell>Product</TableCell>
                  <TableCell align="right">Amount</TableCell>
                  <TableCell align="right">Seats</TableCell>
                  <TableCell align="right">Cost per seat</TableCell>
                  <TableCell align="right">Active seats</TableCell>
                  <TableCell align="right">Cost per active seat</TableCell>
                  <TableCell>Assigned to</TableCell>
                  <TableCell />
                </TableRow>
              </TableHead>
              <TableBody>
                {subscriptions.map(s => (
                  <TableRow key={s.id}>
                    <TableCell className={classes.name}>{s.vendor}</TableCell>
                    <TableCell className={classes.name}>
                      {s.product}
                      {s.problems.map(problem => (
                        <Typography
                          key={problem}
                          variant="caption"
                          color="error"
                          display="block"
                        >
                          {problem}
                        </Typography>
                      ))}
                    </TableCell>
                    <TableCell align="right" className={classes.money}>
                      {formatCurrency(s.amount, s.currency)} / {s.period}
                    </TableCell>
                    <TableCell align="right" className={classes.money}>
                      {s.seats ?? '–'}
                    </TableCell>
                    <TableCell align="right" className={classes.money}>
                      {money(s.costPerSeat, s.currency)}
                    </TableCell>
                    <TableCell align="right" className={classes.money}>
                      {s.activeSeats ?? '–'}
                    </TableCell>
                    <TableCell align="right" className={classes.money}>
                      {money(s.costPerActiveSeat, s.currency)}
                    </TableCell>
                    <TableCell className={classes.assignee}>
                      <AssignedTo subscription={s} />
                    </TableCell>
                    <TableCell className={classes.money}>
                      {s.source === 'portal' ? (
                        <>
                          <Button
                            size="small"
                            onClick={() => setEditing({ subscription: s })}
                            aria-label={`Edit ${s.id}`}
                          >
                            Edit
                          </Button>
                          <Button
                            size="small"
                            onClick={() => {
                              setDeleteError(undefined);
                              setDeleting(s.id);
                            }}
                            aria-label={`Delete ${s.id}`}
                          >
                            Delete
                          </Button>
                        </>
                      ) : (
                        <Typography variant="caption">app-config</Typography>
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

  return (
    <Page themeId="tool">
      <Header
        title="AI Cost subscriptions"
        subtitle="Seat and flat-fee AI subscriptions: cost per seat and idle seats"
      />
      <Content>
        <ContentHeader title="Subscriptions & seats" />
        {body}
        <SubscriptionEditorDialog
          open={Boolean(editing)}
          subscription={editing?.subscription}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            list.retry();
          }}
        />
        <Dialog
          open={Boolean(deleting)}
          onClose={busy ? undefined : () => setDeleting(undefined)}
          aria-labelledby="ai-cost-delete-subscription-title"
        >
          <DialogTitle id="ai-cost-delete-subscription-title">
            Delete subscription {deleting}?
          </DialogTitle>
          <DialogContent>
            {deleteError && (
              <Alert severity="error" role="alert">
                {deleteError}
              </Alert>
            )}
            <DialogContentText variant="body2">
              Its cost is removed from every day the next ingestion re-reads.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setDeleting(undefined)} disabled={busy}>
              Cancel
            </Button>
            <Button color="secondary" onClick={remove} disabled={busy}>
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      </Content>
    </Page>
  );
}
