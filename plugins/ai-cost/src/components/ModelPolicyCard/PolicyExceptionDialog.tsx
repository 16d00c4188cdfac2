import { useEffect, useState, type FormEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  addDays,
  MAX_POLICY_EXCEPTION_DAYS,
  MIN_POLICY_JUSTIFICATION_LENGTH,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';

/** How long an exception lasts unless the owner picks another day. */
const DEFAULT_DAYS = 30;

/**
 * Grants an exception to the entity's model policy: a model glob, a
 * justification and the last day it applies (today up to a year ahead).
 */
export function PolicyExceptionDialog(props: {
  open: boolean;
  entityRef: string;
  model: string;
  today: string;
  onClose(): void;
  onSaved(): void;
}) {
  const { open, entityRef, today, onClose, onSaved } = props;
  const api = useApi(aiCostApiRef);
  const [model, setModel] = useState(props.model);
  const [justification, setJustification] = useState('');
  const [expiresAt, setExpiresAt] = useState('');
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    setModel(props.model);
    setJustification('');
    setExpiresAt(addDays(today, DEFAULT_DAYS));
    setServerError(undefined);
  }, [open, props.model, today]);

  const latest = addDays(today, MAX_POLICY_EXCEPTION_DAYS);
  const justificationError =
    justification.trim().length < MIN_POLICY_JUSTIFICATION_LENGTH
      ? `Explain why in at least ${MIN_POLICY_JUSTIFICATION_LENGTH} characters`
      : undefined;
  const expiryError =
    !/^\d{4}-\d{2}-\d{2}$/.test(expiresAt) ||
    expiresAt < today ||
    expiresAt > latest
      ? `Pick a day from ${today} to ${latest}`
      : undefined;
  const modelError = model.trim() === '' ? 'Enter a model or glob' : undefined;
  const invalid = Boolean(justificationError || expiryError || modelError);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    setSaving(true);
    setServerError(undefined);
    try {
      await api.createPolicyException({
        entityRef,
        model: model.trim(),
        justification: justification.trim(),
        expiresAt,
      });
      onSaved();
    } catch (error) {
      setServerError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="policy-exception">
      <form onSubmit={save} noValidate>
        <DialogTitle id="policy-exception">Request exception</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Lets this entity use the model above its policy until the day you
            pick. The exception is recorded in the audit log with your
            justification.
          </DialogContentText>
          {serverError && (
            <Alert severity="error" role="alert">
              {serverError}
            </Alert>
          )}
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <TextField
              id="policy-exception-model"
              label="Model or glob"
              value={model}
              onChange={e => setModel(e.target.value)}
              error={Boolean(modelError)}
              helperText={modelError ?? 'e.g. gpt-4.1 or claude-opus*'}
            />
            <TextField
              id="policy-exception-justification"
              label="Justification"
              multiline
              minRows={3}
              value={justification}
              onChange={e => setJustification(e.target.value)}
              error={justification !== '' && Boolean(justificationError)}
              helperText={justificationError ?? ' '}
            />
            <TextField
              id="policy-exception-expiry"
              label="Expires after"
              type="date"
              value={expiresAt}
              onChange={e => setExpiresAt(e.target.value)}
              error={Boolean(expiryError)}
              helperText={expiryError ?? 'The last day the exception applies'}
              InputLabelProps={{ shrink: true }}
              inputProps={{ min: today, max: latest }}
            />
          </Box>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving || invalid}
          >
            Save exception
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
