import { useEffect, useState, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { dayOf, type Recommendation } from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef, type RecommendationStatusFilter } from '../../api';
import { useNotify, useRecommendations } from '../../hooks';
import { errorMessage, isForbidden, isNotFound } from '../../utils/errors';
import { uniqueById } from '../../utils/uniqueById';
import { formatCurrency } from '../../utils/format';
import { CardError } from '../CardError';
import { DismissDialog, SnoozeDialog } from './DecisionDialogs';
import { RecommendationItem } from './RecommendationItem';
import { openSavings } from './recommendationText';

const useStyles = makeStyles(theme => ({
  savings: {
    fontWeight: 600,
    color: theme.palette.success.main,
    fontVariantNumeric: 'tabular-nums',
  },
  toolbar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(1),
  },
}));

const statusOptions: Array<{
  value: RecommendationStatusFilter;
  label: string;
}> = [
  { value: 'open', label: 'Open' },
  { value: 'snoozed', label: 'Snoozed' },
  { value: 'dismissed', label: 'Dismissed' },
  { value: 'all', label: 'All' },
];

const RULES_TEXT =
  'AI Cost looks every day for premium models on short calls, large repeated prompts without caching, steady traffic that the Batch API would halve, idle or ownerless keys, and long outputs.';

/** A decision applied locally before the server confirms it. */
function decide(
  item: Recommendation,
  status: Recommendation['status'],
  reason: string | null,
  snoozedUntil: string | null,
): Recommendation {
  return {
    ...item,
    status,
    decisionReason: reason,
    snoozedUntil,
    decidedBy: status === 'open' ? null : item.decidedBy,
  };
}

/** @public */
export interface RecommendationsCardProps {
  /** One entity and its descendants; every entity when omitted (needs `ai-cost.org.read`). */
  entityRef?: string;
  /** Shown instead of the card when the backend answers 403. */
  forbidden?: ReactNode;
  /** The clock snoozes are computed from; defaults to the system time. */
  now?: () => Date;
  /** How many recommendations show before "Show all"; 5 by default. */
  limit?: number;
}

/**
 * Optimization recommendations with their evidence, estimated monthly
 * saving and confidence, and the total open savings. Users dismiss them
 * (with a reason) or snooze them (until a day, optionally with a reason);
 * the list changes at once and rolls back if the server refuses.
 * @public
 */
export function RecommendationsCard(props: RecommendationsCardProps) {
  const { entityRef, forbidden, now, limit = 5 } = props;
  const [showAll, setShowAll] = useState(false);
  const classes = useStyles();
  const api = useApi(aiCostApiRef);
  const notify = useNotify();
  const [status, setStatus] = useState<RecommendationStatusFilter>('open');
  const { value, loading, error, retry } = useRecommendations({
    entityRef,
    status,
  });
  const [items, setItems] = useState<Recommendation[]>([]);
  const [dismissing, setDismissing] = useState<Recommendation>();
  const [snoozing, setSnoozing] = useState<Recommendation>();
  useEffect(() => setItems(value?.items ?? []), [value]);
  const today = dayOf((now ?? (() => new Date()))());

  if (error && forbidden && isForbidden(error)) return <>{forbidden}</>;

  const currency = value?.currency ?? items[0]?.currency ?? 'USD';
  const money = (amount: number) => formatCurrency(amount, currency);
  const visible = uniqueById(items).filter(
    item => status === 'all' || item.status === status,
  );
  // The server's total, adjusted by the decisions made here since.
  const total = value
    ? Math.round(
        (value.totalEstimatedMonthlySavings +
          openSavings(items) -
          openSavings(value.items)) *
          1e6,
      ) / 1e6
    : 0;

  async function apply(
    item: Recommendation,
    next: Recommendation,
    send: () => Promise<Recommendation | undefined>,
    verb: string,
  ) {
    setItems(list => list.map(i => (i.id === item.id ? next : i)));
    try {
      const saved = await send();
      // The server's answer says who decided; keep the local one otherwise.
      if (saved?.id === item.id) {
        setItems(list => list.map(i => (i.id === item.id ? saved : i)));
      }
    } catch (e) {
      setItems(list => list.map(i => (i.id === item.id ? item : i)));
      notify({
        message: `Could not ${verb} “${item.title}”: ${errorMessage(e)}`,
        status: 'danger',
      });
    }
  }

  const toolbar = (
    <div className={classes.toolbar}>
      <Typography variant="body1" aria-live="polite">
        {value && total > 0 ? (
          <>
            Estimated savings:{' '}
            <span className={classes.savings}>{money(total)} a month</span>
          </>
        ) : null}
      </Typography>
      <TextField
        id={`ai-cost-recommendations-status${entityRef ? '' : '-org'}`}
        label="Show"
        select
        size="small"
        SelectProps={{ native: true }}
        value={status}
        onChange={e => setStatus(e.target.value as RecommendationStatusFilter)}
      >
        {statusOptions.map(option => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </TextField>
    </div>
  );

  let body: ReactNode;
  if (loading && !value) {
    body = <Progress aria-label="Loading recommendations" />;
  } else if (error && isNotFound(error)) {
    body = (
      <Typography variant="body2">
        No recommendations yet. {RULES_TEXT}
      </Typography>
    );
  } else if (error) {
    body = (
      <CardError error={error} what="the recommendations" onRetry={retry} />
    );
  } else if (visible.length === 0) {
    body = (
      <Typography variant="body2">
        {status === 'open'
          ? `No open recommendations. ${RULES_TEXT}`
          : `No ${status === 'all' ? '' : `${status} `}recommendations.`}
      </Typography>
    );
  } else {
    body = (
      <List disablePadding aria-label="Recommendations">
        {(showAll ? visible : visible.slice(0, limit)).map(item => (
          <RecommendationItem
            key={item.id}
            item={item}
            entityRef={entityRef}
            onDismiss={setDismissing}
            onSnooze={setSnoozing}
            onReopen={reopened =>
              apply(
                reopened,
                decide(reopened, 'open', null, null),
                () => api.reopenRecommendation(reopened.id),
                'reopen',
              )
            }
          />
        ))}
      </List>
    );
    if (visible.length > limit) {
      body = (
        <>
          {body}
          <Button size="small" onClick={() => setShowAll(!showAll)}>
            {showAll
              ? `Show the first ${limit}`
              : `Show all ${visible.length} recommendations`}
          </Button>
        </>
      );
    }
  }

  return (
    <InfoCard
      title="Recommendations"
      subheader="Savings estimated from real prices and each rule's recent window of usage"
    >
      {toolbar}
      {body}
      <DismissDialog
        recommendation={dismissing}
        onClose={() => setDismissing(undefined)}
        onDismiss={reason => {
          const item = dismissing!;
          setDismissing(undefined);
          apply(
            item,
            decide(item, 'dismissed', reason, null),
            () => api.dismissRecommendation(item.id, { reason }),
            'dismiss',
          );
        }}
      />
      <SnoozeDialog
        recommendation={snoozing}
        today={today}
        onClose={() => setSnoozing(undefined)}
        onSnooze={(until, reason) => {
          const item = snoozing!;
          setSnoozing(undefined);
          apply(
            item,
            decide(item, 'snoozed', reason ?? null, until),
            () =>
              api.snoozeRecommendation(
                item.id,
                reason ? { until, reason } : { until },
              ),
            'snooze',
          );
        }}
      />
    </InfoCard>
  );
}
