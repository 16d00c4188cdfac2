import { useMemo, useState } from 'react';
import type { BudgetStatus } from '@ai-cost/plugin-ai-cost-common';
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
import { PendingBudgetRequests } from '../BudgetRequests';
import { CardError } from '../CardError';
import { BudgetStatusCard } from './BudgetStatusCard';
import { scopeLabel } from './budgetText';

/** Where the editor starts from for a budget with this status, if it has one. */
function editorInitial(
  status: BudgetStatus | undefined,
): BudgetEditorInitial | undefined {
  return status && status.budget !== null && status.source
    ? {
        amount: status.budget,
        period: status.period.period,
        thresholds: status.thresholds.map(t => t.fraction),
        source: status.source,
      }
    : undefined;
}

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

  const initial = useMemo(() => editorInitial(status), [status]);
  const scoped = useMemo(
    () =>
      (status?.scoped ?? []).flatMap(s => {
        const from = editorInitial(s);
        return s.scope && from ? [{ scope: s.scope, initial: from }] : [];
      }),
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

  const hasBudget = Boolean(initial) || scoped.length > 0;
  return (
    <>
      <BudgetStatusCard
        status={status}
        entityName={entityName}
        actions={
          <>
            <PendingBudgetRequests entityRef={entityRef} onDecided={retry} />
            {canEdit && (
              <Button
                size="small"
                color="primary"
                startIcon={<EditIcon />}
                onClick={() => setEditing(true)}
              >
                {hasBudget ? 'Edit budget' : 'Set a budget'}
              </Button>
            )}
          </>
        }
      />
      {canEdit && (
        <BudgetEditorDialog
          open={editing}
          entityRef={entityRef}
          entityName={entityName}
          currency={status.currency}
          initial={initial}
          scoped={scoped}
          onClose={() => setEditing(false)}
          onSaved={budget => {
            setEditing(false);
            notify({
              message: budget
                ? `Budget of ${entityName}${
                    budget.scope ? ` for ${scopeLabel(budget.scope)}` : ''
                  } saved`
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
