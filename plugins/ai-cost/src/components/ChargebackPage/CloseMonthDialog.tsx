import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';
import { monthLabel } from './months';

/** @public */
export interface CloseMonthDialogProps {
  month: string;
  open: boolean;
  onClose(): void;
  onClosed(): void;
}

/**
 * Confirms and closes a chargeback month; errors such as a month not over
 * yet or a missing `ai-cost.admin` are shown in the dialog.
 * @public
 */
export function CloseMonthDialog(props: CloseMonthDialogProps) {
  const { month, open, onClose, onClosed } = props;
  const api = useApi(aiCostApiRef);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const label = monthLabel(month);

  useEffect(() => {
    setError(undefined);
    setBusy(false);
  }, [open, month]);

  async function close() {
    setBusy(true);
    setError(undefined);
    try {
      await api.closeChargebackMonth(month);
      setBusy(false);
      onClosed();
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e));
    }
  }

  const titleId = 'ai-cost-close-month-title';
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Close {label}?</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            Could not close {label}: {error}
          </Alert>
        )}
        <DialogContentText variant="body2">
          The statement is stored as it is now and a closed month never changes:
          finance can bill teams from it.
        </DialogContentText>
        <DialogContentText variant="body2">
          Spend of {label} restated later (late invoices, re-attribution, new
          rules) is booked as adjustments on the next open month.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button color="secondary" onClick={close} disabled={busy}>
          Close month
        </Button>
      </DialogActions>
    </Dialog>
  );
}
