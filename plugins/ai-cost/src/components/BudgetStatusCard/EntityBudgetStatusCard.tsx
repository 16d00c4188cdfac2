import { useMemo, useState } from 'react';
import Button from '@material-ui/core/Button';
import EditIcon from '@material-ui/icons/Edit';
import { InfoCard, Progress } from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useBudgetStatus, useCanUpdateBudget, useNotify } from '../../hooks';
import {
  BudgetEditorDialog,
  type BudgetEditorInitial,
} from '../BudgetEditorDialog';
import { CardError } from '../CardError';
import { BudgetStatusCard } from './BudgetStatusCard';

/**
 * The budget status card of the current entity, with an "Edit budget"
 * button for those allowed `ai-cost.budget.update` on it. The card reloads
 * after the budget is saved or removed.
 * @public
 */
export function EntityBudgetStatusCard() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const entityName = entity.metadata.title ?? entity.metadata.name;
  const { value: status, loading, error, retry } = useBudgetStatus(entityRef);
  const canEdit = useCanUpdateBudget(entityRef);
  const notify = useNotify();
  const [editing, setEditing] = useState(false);

  const initial = useMemo<BudgetEditorInitial | undefined>(
    () =>
      status && status.budget !== null && status.source
        ? {
            amount: status.budget,
            period: status.period.period,
            thresholds: status.thresholds.map(t => t.fraction),
            source: status.source,
          }
        : undefined,
    [status],
  );

  if (!status) {
    return (
      <InfoCard title="AI budget">
        {loading && <Progress aria-label="Loading the budget status" />}
        {!loading && error && (
          <CardError error={error} what="the budget status" onRetry={retry} />
        )}
      </InfoCard>
    );
  }

  const hasBudget = Boolean(initial);
  return (
    <>
      <BudgetStatusCard
        status={status}
        entityName={entityName}
        actions={
          canEdit ? (
            <Button
              size="small"
              color="primary"
              startIcon={<EditIcon />}
              onClick={() => setEditing(true)}
            >
              {hasBudget ? 'Edit budget' : 'Set a budget'}
            </Button>
          ) : undefined
        }
      />
      {canEdit && (
        <BudgetEditorDialog
          open={editing}
          entityRef={entityRef}
          entityName={entityName}
          currency={status.currency}
          initial={initial}
          onClose={() => setEditing(false)}
          onSaved={budget => {
            setEditing(false);
            notify({
              message: budget
                ? `Budget of ${entityName} saved`
                : `Portal budget of ${entityName} removed`,
              status: 'success',
            });
            retry();
          }}
        />
      )}
    </>
  );
}
