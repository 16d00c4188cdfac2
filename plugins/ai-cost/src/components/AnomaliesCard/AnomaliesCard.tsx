import type { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useAnomalies, useReportingCurrency } from '../../hooks';
import { isForbidden } from '../../utils/errors';
import { CardError } from '../CardError';
import { OrgReadRequired } from '../OrgReadRequired';
import { AnomalyList } from './AnomalyList';
import { AnomalyThresholds } from './AnomalyThresholds';
import { foldIncidents, isClosed, sortAnomalies } from './anomalyText';

const EMPTY_TEXT =
  'AI Cost compares every day with the same weekday of the previous weeks, per entity and per model, and lists the days that stand out here.';

function subheader(
  open: number,
  total: number,
  shown: number,
  more: boolean,
): string {
  const parts = [`${open} ongoing`, `${total}${more ? '+' : ''} in total`];
  if (shown < total) parts.push(`showing the ${shown} most recent`);
  return parts.join(' · ');
}

function AnomaliesCardBody(props: {
  title: string;
  entityRef?: string;
  limit: number;
  emptyText: ReactNode;
  forbidden?: ReactNode;
}) {
  const { title, entityRef, limit, emptyText, forbidden } = props;
  const currency = useReportingCurrency();
  const { value, loading, error, retry } = useAnomalies({
    entityRef,
    status: 'all',
  });

  if (error && forbidden && isForbidden(error)) return <>{forbidden}</>;
  if (!value) {
    return (
      <InfoCard title={title}>
        {loading && <Progress aria-label="Loading anomalies" />}
        {!loading && error && (
          <CardError error={error} what="the anomalies" onRetry={retry} />
        )}
      </InfoCard>
    );
  }
  const incidents = foldIncidents(sortAnomalies(value.items));
  const shown = incidents.slice(0, limit);
  const open = incidents.filter(
    ({ anomaly }) => anomaly.status === 'open' && !isClosed(anomaly),
  ).length;
  return (
    <InfoCard
      title={title}
      subheader={
        incidents.length > 0
          ? subheader(
              open,
              incidents.length,
              shown.length,
              value.nextCursor !== null,
            )
          : undefined
      }
    >
      {entityRef && (
        <AnomalyThresholds entityRef={entityRef} currency={currency} />
      )}
      {shown.length === 0 ? (
        <Typography variant="body2">{emptyText}</Typography>
      ) : (
        <AnomalyList
          anomalies={shown.flatMap(({ anomaly, folded }) => [
            anomaly,
            ...folded,
          ])}
          currency={currency}
          entityRef={entityRef}
        />
      )}
    </InfoCard>
  );
}

/** @public */
export interface EntityAnomaliesCardProps {
  /** How many anomalies to show, ongoing first; 5 by default. */
  limit?: number;
}

/**
 * Recent spend anomalies of the current entity and its descendants, ongoing
 * first, with feedback buttons.
 * @public
 */
export function EntityAnomaliesCard(props: EntityAnomaliesCardProps) {
  const { entity } = useEntity();
  return (
    <AnomaliesCardBody
      title="Recent anomalies"
      entityRef={stringifyEntityRef(entity)}
      limit={props.limit ?? 5}
      emptyText={`No unusual AI spend detected. ${EMPTY_TEXT}`}
    />
  );
}

/** @public */
export interface OrgAnomaliesCardProps {
  /** How many anomalies to show, ongoing first; 10 by default. */
  limit?: number;
}

/**
 * Recent spend anomalies across the organization (needs
 * `ai-cost.org.read`), ongoing first.
 * @public
 */
export function OrgAnomaliesCard(props: OrgAnomaliesCardProps) {
  return (
    <AnomaliesCardBody
      title="Recent anomalies"
      limit={props.limit ?? 10}
      emptyText={`No unusual AI spend detected anywhere. ${EMPTY_TEXT}`}
      forbidden={<OrgReadRequired />}
    />
  );
}
