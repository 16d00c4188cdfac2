import { Fragment } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { EntityClaim } from '@ai-cost/plugin-ai-cost-common';
import { dimensionLabel, providerLabel } from '../../utils/labels';

const useStyles = makeStyles(theme => ({
  conflict: { color: theme.palette.warning.dark },
  code: { fontFamily: theme.typography.fontFamily, fontSize: 'inherit' },
}));

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
  /** The entity's kind, for the text shown when it claims nothing itself. */
  kind: string;
}

/**
 * What the entity claims through its `ai-cost/*` annotations, with the
 * entities it shares a claim with (their spend is split evenly).
 * @public
 */
export function ClaimsCard(props: ClaimsCardProps) {
  const { claims, kind } = props;
  const classes = useStyles();
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
                    {claim.conflictsWith.length > 0 && (
                      <div>
                        <Conflict with={claim.conflictsWith} />
                      </div>
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
