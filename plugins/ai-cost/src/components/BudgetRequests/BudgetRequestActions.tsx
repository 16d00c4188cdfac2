import { useState } from 'react';
import Button from '@material-ui/core/Button';
import type { BudgetApprovalRequest } from '@ai-cost/plugin-ai-cost-common';
import { useApi } from '@backstage/core-plugin-api';
import { aiCostApiRef } from '../../api';
import { useNotify } from '../../hooks';
import { errorMessage } from '../../utils/errors';
import { RejectBudgetRequestDialog } from './RejectBudgetRequestDialog';
import { budgetAmountText } from './budgetRequestText';

/**
 * Approve and Reject of a pending budget request, for those who may decide
 * it (`canDecide`); nothing for others. Rejecting asks for a reason.
 */
export function BudgetRequestActions(props: {
  request: BudgetApprovalRequest;
  /** Called once the decision is recorded, e.g. to reload the list and the budget. */
  onDecided(request: BudgetApprovalRequest): void;
}) {
  const { request, onDecided } = props;
  const api = useApi(aiCostApiRef);
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  if (!request.canDecide) return null;

  async function decide(
    action: () => Promise<BudgetApprovalRequest>,
    verb: string,
  ) {
    setBusy(true);
    try {
      const decided = await action();
      notify({
        message: `Budget request of ${budgetAmountText(decided)} for ${
          decided.entityRef
        } ${decided.status}`,
        status: 'success',
      });
      onDecided(decided);
    } catch (error) {
      notify({
        message: `Could not ${verb} the budget request: ${errorMessage(error)}`,
        status: 'danger',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button
        size="small"
        color="primary"
        variant="contained"
        disabled={busy}
        aria-label={`Approve ${budgetAmountText(request)} for ${
          request.entityRef
        }`}
        onClick={() =>
          decide(() => api.approveBudgetRequest(request.id), 'approve')
        }
      >
        Approve
      </Button>
      <Button
        size="small"
        disabled={busy}
        aria-label={`Reject ${budgetAmountText(request)} for ${
          request.entityRef
        }`}
        onClick={() => setRejecting(true)}
      >
        Reject
      </Button>
      <RejectBudgetRequestDialog
        request={rejecting ? request : undefined}
        onClose={() => setRejecting(false)}
        onReject={reason => {
          setRejecting(false);
          decide(
            () => api.rejectBudgetRequest(request.id, { comment: reason }),
            'reject',
          );
        }}
      />
    </>
  );
}
