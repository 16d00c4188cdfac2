import { useEffect, useState, type FormEvent } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import type { BudgetApprovalRequest } from '@ai-cost/plugin-ai-cost-common';
import { budgetRequestText } from './budgetRequestText';

/** Asks why a budget request is rejected; the reason is required and sent to the requester. */
export function RejectBudgetRequestDialog(props: {
  request?: BudgetApprovalRequest;
  onClose(): void;
  onReject(reason: string): void;
}) {
  const { request, onClose, onReject } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setReason('');
    setError(undefined);
  }, [request]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Say why, so the requester knows what to change');
      return;
    }
    onReject(reason.trim());
  }

  return (
    <Dialog
      open={Boolean(request)}
      onClose={onClose}
      aria-labelledby="ai-cost-reject-budget-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="ai-cost-reject-budget-title">
          Reject budget request
        </DialogTitle>
        <DialogContent>
          <DialogContentText variant="body2">
            {request && budgetRequestText(request)}. The requester is notified
            with your reason.
          </DialogContentText>
          <TextField
            id="ai-cost-reject-budget-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={2}
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={Boolean(error)}
            helperText={
              error ?? 'For example: use the shared gateway budget instead'
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            Reject
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
