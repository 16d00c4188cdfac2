import { useEffect, useState, type FormEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import type { AnomalySettings } from '@ai-cost/plugin-ai-cost-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { aiCostApiRef } from '../../api';
import { useCanUpdateBudget } from '../../hooks';
import { errorMessage } from '../../utils/errors';
import { formatCurrency } from '../../utils/format';

const SOURCES: Record<AnomalySettings['source'], string> = {
  portal: 'set in the portal',
  annotation: 'from ai-cost/anomaly-threshold',
  default: 'organization default',
};

/** "Alerts above $50.00 and 30%", or that every anomaly is raised. */
export function thresholdText(
  settings: Pick<AnomalySettings, 'minImpact' | 'minImpactPercent'>,
  currency: string,
): string {
  const parts: string[] = [];
  if (settings.minImpact !== null) {
    parts.push(formatCurrency(settings.minImpact, currency));
  }
  if (settings.minImpactPercent !== null) {
    parts.push(`${settings.minImpactPercent}%`);
  }
  return parts.length > 0
    ? `Alerts above ${parts.join(' and ')}`
    : 'Alerts on every anomaly';
}

/** An empty field is no minimum; otherwise a number in range, or an error. */
function parseField(
  text: string,
  max: number,
): { value: number | null; error?: string } {
  if (text.trim() === '') return { value: null };
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || value > max) {
    return { value: null, error: `Enter a number between 0 and ${max}` };
  }
  return { value };
}

function ThresholdDialog(props: {
  open: boolean;
  entityRef: string;
  currency: string;
  initial: AnomalySettings;
  onClose(): void;
  onSaved(settings: AnomalySettings): void;
}) {
  const { open, entityRef, currency, initial, onClose, onSaved } = props;
  const api = useApi(aiCostApiRef);
  const [amount, setAmount] = useState('');
  const [percent, setPercent] = useState('');
  const [saving, setSaving] = useState(false);
  const [serverError, setServerError] = useState<string>();
  useEffect(() => {
    if (!open) return;
    setAmount(initial.minImpact === null ? '' : String(initial.minImpact));
    setPercent(
      initial.minImpactPercent === null ? '' : String(initial.minImpactPercent),
    );
    setServerError(undefined);
  }, [open, initial]);

  const parsedAmount = parseField(amount, 1_000_000_000_000);
  const parsedPercent = parseField(percent, 1000);
  const invalid = Boolean(parsedAmount.error || parsedPercent.error);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    setSaving(true);
    setServerError(undefined);
    try {
      const saved = await api.setAnomalySettings({
        entityRef,
        minImpact: parsedAmount.value,
        minImpactPercent: parsedPercent.value,
      });
      onSaved(saved);
    } catch (error) {
      setServerError(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="anomaly-thresholds">
      <form onSubmit={save} noValidate>
        <DialogTitle id="anomaly-thresholds">Alert thresholds</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Anomalies whose extra spend is below either minimum are not raised.
            Leave both empty to use the annotation or the organization default.
          </DialogContentText>
          {serverError && (
            <Alert severity="error" role="alert">
              {serverError}
            </Alert>
          )}
          <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
            <TextField
              id="anomaly-min-impact"
              label="Minimum extra spend"
              value={amount}
              onChange={e => setAmount(e.target.value)}
              error={Boolean(parsedAmount.error)}
              helperText={parsedAmount.error ?? 'Empty: no minimum amount'}
              inputProps={{ inputMode: 'decimal' }}
              InputProps={{
                endAdornment: (
                  <InputAdornment position="end">{currency}</InputAdornment>
                ),
              }}
            />
            <TextField
              id="anomaly-min-impact-percent"
              label="Minimum increase over expected"
              value={percent}
              onChange={e => setPercent(e.target.value)}
              error={Boolean(parsedPercent.error)}
              helperText={parsedPercent.error ?? 'Empty: no minimum percent'}
              inputProps={{ inputMode: 'decimal' }}
              InputProps={{
                endAdornment: <InputAdornment position="end">%</InputAdornment>,
              }}
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
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** "Alert thresholds", for those who may update the entity's budget. */
function EditButton(props: { entityRef: string; onClick(): void }) {
  const canEdit = useCanUpdateBudget(props.entityRef);
  if (!canEdit) return null;
  return (
    <Button size="small" onClick={props.onClick}>
      Alert thresholds
    </Button>
  );
}

/**
 * The entity's anomaly threshold ("Alerts above $50.00 and 30%" with its
 * source) and, for those who may update its budget, an "Alert thresholds"
 * button that sets it.
 */
export function AnomalyThresholds(props: {
  entityRef: string;
  currency: string;
}) {
  const { entityRef, currency } = props;
  const api = useApi(aiCostApiRef);
  // Without a permission API (some embeddings, tests) nobody can edit.
  const canCheck = Boolean(useApiHolder().get(permissionApiRef));
  const [open, setOpen] = useState(false);
  const { value, retry } = useAsyncRetry(
    () => api.getAnomalySettings({ entityRef }),
    [api, entityRef],
  );
  if (!value) return null;
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      flexWrap="wrap"
      mb={1}
      style={{ gap: 8 }}
    >
      <Typography variant="body2" color="textSecondary">
        {thresholdText(value, currency)} ({SOURCES[value.source]})
      </Typography>
      {canCheck && (
        <EditButton entityRef={entityRef} onClick={() => setOpen(true)} />
      )}
      <ThresholdDialog
        open={open}
        entityRef={entityRef}
        currency={currency}
        initial={value}
        onClose={() => setOpen(false)}
        onSaved={() => {
          setOpen(false);
          retry();
        }}
      />
    </Box>
  );
}
