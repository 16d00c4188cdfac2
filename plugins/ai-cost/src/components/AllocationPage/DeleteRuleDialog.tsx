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

/** @public */
export interface DeleteRuleDialogProps {
  /** The id of the portal rule to delete; closed without one. */
  ruleId?: string;
  onClose(): void;
  onDeleted(id: string): void;
}

/** Confirms and deletes a portal allocation rule; errors shown in the dialog. */
export function DeleteRuleDialog(props: DeleteRuleDialogProps) {
  const { ruleId, onClose, onDeleted } = props;
  const api = useApi(aiCostApiRef);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setError(undefined);
    setBusy(false);
  }, [ruleId]);

  async function remove() {
    if (!ruleId) return;
    setBusy(true);
    setError(undefined);
    try {
      await api.deleteAllocationRule(ruleId);
      setBusy(false);
      onDeleted(ruleId);
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e));
    }
  }

  const titleId = 'ai-cost-delete-rule-title';
  return (
    <Dialog
      open={Boolean(ruleId)}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
    >
      <DialogTitle id={titleId}>Delete rule {ruleId}?</DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <DialogContentText variant="body2">
          The spend it matches is re-attributed as if the rule had never
          existed.
        </DialogContentText>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button color="secondary" onClick={remove} disabled={busy}>
          Delete
        </Button>
      </DialogActions>
    </Dialog>
  );
}
