import { useState, type ReactElement } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  addDays,
  dayOf,
  type PolicyException,
  type PolicyViolation,
} from '@ai-cost/plugin-ai-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../../api';
import { useCanUpdateBudget, useReportingCurrency } from '../../hooks';
import { errorMessage } from '../../utils/errors';
import { formatCurrency } from '../../utils/format';
import { CardError } from '../CardError';
import { PolicyExceptionDialog } from './PolicyExceptionDialog';
import { enforcementText, maxTierText, tierLabel } from './policyText';

/** The days the card's violations cover, today included. */
const WINDOW_DAYS = 30;

/** "Standard model · $342.50 on 12 days". */
export function violationText(v: PolicyViolation, currency: string): string {
  return `${tierLabel(v.tier)} model · ${formatCurrency(v.cost, currency)} on ${
    v.days
  } day${v.days === 1 ? '' : 's'}`;
}

function ViolationItem(props: {
  violation: PolicyViolation;
  currency: string;
  canEdit: boolean;
  onRequest(model: string): void;
}) {
  const { violation, currency, canEdit, onRequest } = props;
  return (
    <ListItem divider>
      <ListItemText
        primary={violation.model}
        secondary={violationText(violation, currency)}
      />
      {violation.exception ? (
        <Chip
          size="small"
          label={`Exception until ${violation.exception.expiresAt}`}
        />
      ) : (
        canEdit && (
          <Button size="small" onClick={() => onRequest(violation.model)}>
            Request exception
          </Button>
        )
      )}
    </ListItem>
  );
}

function ExceptionItem(props: {
  exception: PolicyException;
  today: string;
  canEdit: boolean;
  onRemoved(): void;
}) {
  const { exception, today, canEdit, onRemoved } = props;
  const api = useApi(aiCostApiRef);
  const [error, setError] = useState<string>();
  const expired = exception.expiresAt < today;
  const remove = async () => {
    try {
      await api.deletePolicyException(exception.id);
      onRemoved();
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <ListItem divider>
      <ListItemText
        primary={`${exception.model} ${expired ? 'expired' : 'until'} ${
          exception.expiresAt
        }`}
        secondary={`${exception.justification} — ${exception.createdBy}${
          error ? ` (${error})` : ''
        }`}
      />
      {canEdit && (
        <Button size="small" onClick={remove}>
          Remove
        </Button>
      )}
    </ListItem>
  );
}

/** Renders its child with whether the caller may update the entity's budget. */
function WithBudgetPermission(props: {
  entityRef: string;
  children(canEdit: boolean): ReactElement;
}) {
  return props.children(useCanUpdateBudget(props.entityRef));
}

/**
 * The "Model policy" card of an entity: the max tier and allowed models in
 * force and where they come from, whether the gateway guardrail enforces
 * them, the last 30 days' spend on models outside the policy, and the
 * exceptions; owners (who may update the budget) grant and remove them.
 */
export function ModelPolicyCard(props: {
  entityRef: string;
  now?: () => Date;
}) {
  // Without a permission API (some embeddings, tests) nobody can edit.
  const canCheck = Boolean(useApiHolder().get(permissionApiRef));
  if (!canCheck) return <ModelPolicyCardBody {...props} canEdit={false} />;
  return (
    <WithBudgetPermission entityRef={props.entityRef}>
      {canEdit => <ModelPolicyCardBody {...props} canEdit={canEdit} />}
    </WithBudgetPermission>
  );
}

function ModelPolicyCardBody(props: {
  entityRef: string;
  now?: () => Date;
  canEdit: boolean;
}) {
  const { entityRef, canEdit } = props;
  const api = useApi(aiCostApiRef);
  const currency = useReportingCurrency();
  const today = dayOf(props.now?.() ?? new Date());
  const from = addDays(today, -(WINDOW_DAYS - 1));
  const [requested, setRequested] = useState<string>();
  const data = useAsyncRetry(async () => {
    const [policy, violations] = await Promise.all([
      api.getModelPolicy({ entityRef }),
      api.listPolicyViolations({ entityRef, from, to: today }),
    ]);
    return { policy, violations };
  }, [api, entityRef, from, today]);

  const { value, loading, error, retry } = data;
  return (
    <InfoCard title="Model policy" subheader={`Last ${WINDOW_DAYS} days`}>
      {loading && !value && <Progress aria-label="Loading the model policy" />}
      {error && (
        <CardError error={error} what="the model policy" onRetry={retry} />
      )}
      {value && (
        <>
          <Typography variant="body2">{maxTierText(value.policy)}</Typography>
          {value.policy.allowedModels.length > 0 && (
            <Typography variant="body2">
              Allowed models: {value.policy.allowedModels.join(', ')} (from
              ai-cost/allowed-models)
            </Typography>
          )}
          <Typography variant="body2" color="textSecondary">
            {enforcementText(value.policy)}
          </Typography>
          <Box mt={2}>
            <Typography variant="subtitle2">Violations</Typography>
            {value.violations.length === 0 ? (
              <Typography variant="body2">
                No spend on models outside the policy in the last {WINDOW_DAYS}{' '}
                days.
              </Typography>
            ) : (
              <List dense aria-label="Policy violations">
                {value.violations.map(v => (
                  <ViolationItem
                    key={`${v.entityRef} ${v.model}`}
                    violation={v}
                    currency={currency}
                    canEdit={canEdit && v.entityRef === entityRef}
                    onRequest={setRequested}
                  />
                ))}
              </List>
            )}
          </Box>
          {value.policy.exceptions.length > 0 && (
            <Box mt={2}>
              <Typography variant="subtitle2">Exceptions</Typography>
              <List dense aria-label="Policy exceptions">
                {value.policy.exceptions.map(e => (
                  <ExceptionItem
                    key={e.id}
                    exception={e}
                    today={today}
                    canEdit={canEdit}
                    onRemoved={retry}
                  />
                ))}
              </List>
            </Box>
          )}
        </>
      )}
      <PolicyExceptionDialog
        open={requested !== undefined}
        entityRef={entityRef}
        model={requested ?? ''}
        today={today}
        onClose={() => setRequested(undefined)}
        onSaved={() => {
          setRequested(undefined);
          retry();
        }}
      />
    </InfoCard>
  );
}

/** {@link ModelPolicyCard} of the entity in context. */
export function EntityModelPolicyCard(props: { now?: () => Date }) {
  const { entity } = useEntity();
  return (
    <ModelPolicyCard entityRef={stringifyEntityRef(entity)} now={props.now} />
  );
}
