import { useState, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  aiCostAdminPermission,
  aiCostRecommendationsUpdatePermission,
  type Recommendation,
} from '@ai-cost/plugin-ai-cost-common';
import { formatCurrency, formatDay } from '../../utils/format';
import { personLabel } from '../AnomaliesCard/anomalyText';
import {
  confidenceLabels,
  evidenceEntries,
  ruleLabels,
  windowText,
} from './recommendationText';

const useStyles = makeStyles(theme => ({
  item: { display: 'block', padding: theme.spacing(1.5, 0) },
  heading: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  title: { fontWeight: 600 },
  savings: {
    fontWeight: 600,
    color: theme.palette.success.main,
    fontVariantNumeric: 'tabular-nums',
  },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    columnGap: theme.spacing(2),
    rowGap: theme.spacing(0.25),
    margin: theme.spacing(1, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0, fontVariantNumeric: 'tabular-nums' },
  },
  actions: { display: 'flex', gap: theme.spacing(1) },
}));

/** How many evidence figures show before "Show all". */
const EVIDENCE_SHOWN = 6;

/** `Snoozed until Dec 31, 2026 by guest: After the launch` */
export function decisionText(item: Recommendation): string | undefined {
  const by = item.decidedBy ? ` by ${personLabel(item.decidedBy)}` : '';
  const why = item.decisionReason ? `: ${item.decisionReason}` : '';
  if (item.status === 'dismissed') return `Dismissed${by}${why}`;
  if (item.status === 'snoozed') {
    const until = item.snoozedUntil
      ? ` until ${formatDay(item.snoozedUntil, { withYear: true })}`
      : '';
    return `Snoozed${until}${by}${why}`;
  }
  return undefined;
}

/** Renders `children` when the user may decide on an entity's recommendation. */
function IfCanDecideOnEntity(props: {
  entityRef: string;
  children: ReactNode;
}) {
  const { allowed } = usePermission({
    permission: aiCostRecommendationsUpdatePermission,
    resourceRef: props.entityRef,
  });
  return allowed ? <>{props.children}</> : null;
}

/** Renders `children` for AI Cost administrators, who decide on org-level recommendations. */
function IfAdmin(props: { children: ReactNode }) {
  const { allowed } = usePermission({ permission: aiCostAdminPermission });
  return allowed ? <>{props.children}</> : null;
}

/** @public */
export interface RecommendationItemProps {
  item: Recommendation;
  /** The entity whose card this is; other entities' items name theirs. */
  entityRef?: string;
  onDismiss(item: Recommendation): void;
  onSnooze(item: Recommendation): void;
  onReopen(item: Recommendation): void;
}

/**
 * One recommendation: title, confidence, rule, description, evidence, the
 * estimated monthly saving, the decision taken, and the actions the user may
 * take: dismiss, snooze or reopen need `ai-cost.recommendations.update` on
 * the entity, or `ai-cost.admin` for org-level recommendations.
 * @public
 */
export function RecommendationItem(props: RecommendationItemProps) {
  const { item, entityRef, onDismiss, onSnooze, onReopen } = props;
  const classes = useStyles();
  const decision = decisionText(item);
  const [allEvidence, setAllEvidence] = useState(false);
  const evidence = evidenceEntries(item.evidence, item.currency);
  const shownEvidence = allEvidence
    ? evidence
    : evidence.slice(0, EVIDENCE_SHOWN);
  const actions = (
    <div className={classes.actions}>
      {item.status === 'open' ? (
        <>
          <Button
            size="small"
            onClick={() => onSnooze(item)}
            aria-label={`Snooze ${item.title}`}
          >
            Snooze
          </Button>
          <Button
            size="small"
            onClick={() => onDismiss(item)}
            aria-label={`Dismiss ${item.title}`}
          >
            Dismiss
          </Button>
        </>
      ) : (
        <Button
          size="small"
          aria-label={`Reopen ${item.title}`}
          onClick={() => onReopen(item)}
        >
          Reopen
        </Button>
      )}
    </div>
  );

  return (
    <ListItem className={classes.item} divider aria-label={item.title}>
      <div className={classes.heading}>
        <Typography variant="body1" component="h3" className={classes.title}>
          {item.title}
        </Typography>
        <Chip size="small" label={confidenceLabels[item.confidence]} />
        <Chip
          size="small"
          variant="outlined"
          label={ruleLabels[item.rule] ?? item.rule}
        />
      </div>
      {item.entityRef !== (entityRef ?? null) && (
        <Typography variant="body2" color="textSecondary">
          {item.entityRef ? (
            <EntityRefLink entityRef={item.entityRef} />
          ) : (
            'Organization-wide'
          )}
        </Typography>
      )}
      <Typography variant="body2">{item.description}</Typography>
      {item.window && (
        <Typography variant="body2" color="textSecondary">
          Figures over {windowText(item.window)} (the rule's own window, not the
          period picked)
        </Typography>
      )}
      <dl
        className={classes.evidence}
        aria-label={`Evidence for ${item.title}`}
      >
        {shownEvidence.map(entry => (
          <div key={entry.key} style={{ display: 'contents' }}>
            <dt>{entry.label}</dt>
            <dd>{entry.value}</dd>
          </div>
        ))}
      </dl>
      {evidence.length > EVIDENCE_SHOWN && (
        <Button
          size="small"
          onClick={() => setAllEvidence(!allEvidence)}
          aria-expanded={allEvidence}
        >
          {allEvidence
            ? 'Show less evidence'
            : `Show all ${evidence.length} figures`}
        </Button>
      )}
      <Typography variant="body2">
        {item.estimatedMonthlySavings > 0 ? (
          <>
            Saves about{' '}
            <span className={classes.savings}>
              {formatCurrency(item.estimatedMonthlySavings, item.currency)} a
              month
            </span>
          </>
        ) : (
          'No direct saving estimated'
        )}
      </Typography>
      {decision && (
        <Typography variant="body2" color="textSecondary">
          {decision}
        </Typography>
      )}
      {item.entityRef ? (
        <IfCanDecideOnEntity entityRef={item.entityRef}>
          {actions}
        </IfCanDecideOnEntity>
      ) : (
        <IfAdmin>{actions}</IfAdmin>
      )}
    </ListItem>
  );
}
