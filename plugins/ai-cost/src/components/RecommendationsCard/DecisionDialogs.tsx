import { useEffect, useState, type FormEvent } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { addDays, isIsoDay } from '@ai-cost/plugin-ai-cost-common';
import type { Recommendation } from '@ai-cost/plugin-ai-cost-common';
import { formatDay } from '../../utils/format';

/** @public */
export interface DismissDialogProps {
  recommendation?: Recommendation;
  onClose(): void;
  onDismiss(reason: string): void;
}

/** Asks why a recommendation is dismissed; the reason is required. @public */
export function DismissDialog(props: DismissDialogProps) {
  const { recommendation, onClose, onDismiss } = props;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setReason('');
    setError(undefined);
  }, [recommendation]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setError('Say why, so others know whether it still applies');
      return;
    }
    onDismiss(reason.trim());
  }

  return (
    <Dialog
      open={Boolean(recommendation)}
      onClose={onClose}
      aria-labelledby="ai-cost-dismiss-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="ai-cost-dismiss-title">
          Dismiss recommendation
        </DialogTitle>
        <DialogContent>
          <DialogContentText variant="body2">
            “{recommendation?.title}” will no longer be listed as open. You can
            reopen it later.
          </DialogContentText>
          <TextField
            id="ai-cost-dismiss-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={2}
            value={reason}
            onChange={e => setReason(e.target.value)}
            error={Boolean(error)}
            helperText={
              error ?? 'For example: we need the larger model’s quality'
            }
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            Dismiss
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** @public */
export interface SnoozeDialogProps {
  recommendation?: Recommendation;
  /** Today, `YYYY-MM-DD` (UTC); the snooze must end after it. */
  today: string;
  onClose(): void;
  onSnooze(until: string, reason?: string): void;
}

/** Asks until when to snooze a recommendation, with an optional reason. @public */
export function SnoozeDialog(props: SnoozeDialogProps) {
  const { recommendation, today, onClose, onSnooze } = props;
  const [until, setUntil] = useState(addDays(today, 30));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  useEffect(() => {
    setUntil(addDays(today, 30));
    setReason('');
    setError(undefined);
  }, [recommendation, today]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isIsoDay(until)) {
      setError('Enter a day as YYYY-MM-DD');
      return;
    }
    if (until <= today) {
      setError('Pick a day after today');
      return;
    }
    onSnooze(until, reason.trim() || undefined);
  }

  return (
    <Dialog
      open={Boolean(recommendation)}
      onClose={onClose}
      aria-labelledby="ai-cost-snooze-title"
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id="ai-cost-snooze-title">
          Snooze recommendation
        </DialogTitle>
        <DialogContent>
          <DialogContentText variant="body2">
            “{recommendation?.title}” is hidden until the end of the day you
            pick and reopens the day after.
          </DialogContentText>
          <TextField
            id="ai-cost-snooze-until"
            label="Snooze until"
            type="date"
            required
            fullWidth
            margin="normal"
            value={until}
            onChange={e => setUntil(e.target.value)}
            error={Boolean(error)}
            helperText={
              error ??
              (isIsoDay(until)
                ? `Reopens on ${formatDay(addDays(until, 1), {
                    withYear: true,
                  })}`
                : ' ')
            }
            InputLabelProps={{ shrink: true }}
            inputProps={{ min: addDays(today, 1) }}
          />
          <TextField
            id="ai-cost-snooze-reason"
            label="Reason (optional)"
            fullWidth
            margin="normal"
            value={reason}
            onChange={e => setReason(e.target.value)}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" color="primary" variant="contained">
            Snooze
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
