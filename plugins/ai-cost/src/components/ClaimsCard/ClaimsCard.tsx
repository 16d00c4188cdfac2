import { Fragment } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ClaimState, EntityClaim } from '@ai-cost/plugin-ai-cost-common';
import {
  dimensionLabel,
  providerLabel,
  splitMethodLabel,
} from '../../utils/labels';

const useStyles = makeStyles(theme => ({
  conflict: { color: theme.palette.warning.dark },
  code: { fontFamily: theme.typography.fontFamily, fontSize: 'inherit' },
}));

/** Why a claim may show $0: no source for its provider, or its value never billed. */
export function claimStateText(
  claim: EntityClaim,
  state: ClaimState | undefined,
): string | undefined {
  if (!state) return undefined;
  const provider = providerLabel(claim.provider);
  if (!state.sourceConfigured) {
    return `No ${provider} source is configured, so this claim cannot match any spend yet.`;
  }
  if (!state.seen) {
    return `${provider} billing has never reported ${claim.value}; check the value.`;
  }
  return `Last billed ${state.lastSeen}.`;
}

function SplitByRule(props: { rule: { id: string; method: string } }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" component="span" className={classes.conflict}>
      Split by allocation rule <code>{props.rule.id}</code> (
      {splitMethodLabel(props.rule.method)})
    </Typography>
  );
}

function Conflict(props: { with: string[] }) {
  const classes = useStyles();
  return (
    <Typography variant="body2" component="span" className={classes.conflict}>
      Split evenly with{' '}
      {props.with.map((ref, index) => (
        <Fragment key={ref}>
          {index > 0 && ', '}
          <EntityRefLink entityRef={ref} />
        </Fragment>
      ))}
    </Typography>
  );
}

/** @public */
export interface ClaimsCardProps {
  claims: EntityClaim[];
  /** Each claim's state (source configured, value billed), when loaded. */
  states?: Array<EntityClaim & ClaimState>;
  /** The entity's kind, for the text shown when it claims nothing itself. */
  kind: string;
}

/**
 * What the entity claims through its `ai-cost/*` annotations, with the
 * entities it shares a claim with (their spend is split evenly) and, once
 * loaded, whether each claim can match anything ("why is this $0?").
 * @public
 */
export function ClaimsCard(props: ClaimsCardProps) {
  const { claims, kind, states } = props;
  const classes = useStyles();
  const stateOf = (claim: EntityClaim) =>
    states?.find(
      s => s.annotation === claim.annotation && s.value === claim.value,
    );
  return (
    <InfoCard
      title="Claimed spend"
      subheader="From this entity's ai-cost/* annotations"
    >
      {claims.length === 0 ? (
        <Typography variant="body2">
          This {kind.toLocaleLowerCase('en-US')} claims no spend itself; its
          total comes from its children.
        </Typography>
      ) : (
        <List dense disablePadding>
          {claims.map(claim => (
            <ListItem
              key={`${claim.annotation}:${claim.value}`}
              disableGutters
              divider
            >
              <ListItemText
                primary={`${providerLabel(claim.provider)} ${dimensionLabel(
                  claim.provider,
                  claim.dimension,
                )} ${claim.value}`}
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    <code className={classes.code}>{claim.annotation}</code>
                    {claimStateText(claim, stateOf(claim)) && (
                      <div>{claimStateText(claim, stateOf(claim))}</div>
                    )}
                    {claim.splitRule ? (
                      <div>
                        <SplitByRule rule={claim.splitRule} />
                      </div>
                    ) : (
                      claim.conflictsWith.length > 0 && (
                        <div>
                          <Conflict with={claim.conflictsWith} />
                        </div>
                      )
                    )}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
