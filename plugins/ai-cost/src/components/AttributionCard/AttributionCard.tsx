import { Fragment } from 'react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { AttributionStatus } from '@ai-cost/plugin-ai-cost-common';
import { formatInteger } from '../../utils/format';
import { dimensionLabel, providerLabel } from '../../utils/labels';

function Summary(props: { status: AttributionStatus }) {
  const { status } = props;
  if (!status.builtAt) {
    return (
      <Typography variant="body2" paragraph>
        The annotation index has not been built yet; it is built from the
        catalog shortly after the backend starts.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" paragraph>
      {formatInteger(status.claimingEntities)} of{' '}
      {formatInteger(status.entities)} catalog entities claim spend through{' '}
      {formatInteger(status.claims)} claims. Index built{' '}
      {new Date(status.builtAt).toLocaleString()}.
    </Typography>
  );
}

function Conflicts(props: { conflicts: AttributionStatus['conflicts'] }) {
  if (props.conflicts.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Conflicting claims (spend is split evenly)
      </Typography>
      <List dense aria-label="Conflicting claims">
        {props.conflicts.map(conflict => (
          <ListItem
            key={`${conflict.provider}|${conflict.dimension}|${conflict.value}`}
            disableGutters
            divider
          >
            <ListItemText
              primary={`${providerLabel(conflict.provider)} ${dimensionLabel(
                conflict.provider,
                conflict.dimension,
              )} ${conflict.value}`}
              secondaryTypographyProps={{ component: 'div' }}
              secondary={
                <>
                  Claimed by{' '}
                  {conflict.entityRefs.map((ref, index) => (
                    <Fragment key={ref}>
                      {index > 0 && ', '}
                      <EntityRefLink entityRef={ref} />
                    </Fragment>
                  ))}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

function Problems(props: { problems: AttributionStatus['problems'] }) {
  if (props.problems.length === 0) return null;
  return (
    <>
      <Typography variant="subtitle2" component="h3">
        Annotation problems (ignored until fixed)
      </Typography>
      <List dense aria-label="Annotation problems">
        {props.problems.map(problem => (
          <ListItem
            key={`${problem.entityRef}|${problem.annotation}`}
            disableGutters
            divider
          >
            <ListItemText
              primary={
                <>
                  <EntityRefLink entityRef={problem.entityRef} />:{' '}
                  <code>{problem.annotation}</code>
                </>
              }
              secondary={problem.message}
            />
          </ListItem>
        ))}
      </List>
    </>
  );
}

/** @public */
export interface AttributionCardProps {
  status?: AttributionStatus;
  loading: boolean;
  error?: Error;
}

/**
 * The state of the annotation index: how many entities claim spend, values
 * claimed by several entities, and annotations that could not be read.
 * @public
 */
export function AttributionCard(props: AttributionCardProps) {
  const { status, loading, error } = props;
  return (
    <InfoCard
      title="Attribution"
      subheader="How catalog annotations claim spend"
    >
      {loading && <Progress aria-label="Loading attribution status" />}
      {!loading && error && <ResponseErrorPanel error={error} />}
      {!loading && status && (
        <>
          <Summary status={status} />
          <Conflicts conflicts={status.conflicts} />
          <Problems problems={status.problems} />
          {status.conflicts.length === 0 && status.problems.length === 0 && (
            <Typography variant="body2">
              No conflicting claims and no annotation problems.
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
}
