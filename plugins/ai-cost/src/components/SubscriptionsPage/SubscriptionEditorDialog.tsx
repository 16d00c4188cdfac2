import { useEffect, useState } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  subscriptionIdSchema,
  subscriptionInputSchema,
  type SubscriptionView,
} from '@ai-cost/plugin-ai-cost-common';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';

/** The editor's fields, as typed. */
interface SubscriptionForm {
  id: string;
  vendor: string;
  product: string;
  amount: string;
  currency: string;
  period: string;
  start: string;
  end: string;
  seats: string;
  entityRef: string;
  /** Group refs, comma-separated. */
  groups: string;
  activeSeatsMetric: string;
}

function formOf(subscription?: SubscriptionView): SubscriptionForm {
  return {
    id: subscription?.id ?? '',
    vendor: subscription?.vendor ?? '',
    product: subscription?.product ?? '',
    amount: subscription ? String(subscription.amount) : '',
    currency: subscription?.currency ?? 'USD',
    period: subscription?.period ?? 'month',
    start: subscription?.start ?? '',
    end: subscription?.end ?? '',
    seats: subscription?.seats ? String(subscription.seats) : '',
    entityRef: subscription?.entityRef ?? '',
    groups: (subscription?.groups ?? []).join(', '),
    activeSeatsMetric: subscription?.activeSeatsMetric ?? '',
  };
}

/** The request body of a form: empty optional fields left out. */
export function bodyOf(form: SubscriptionForm): Record<string, unknown> {
  const groups = form.groups
    .split(',')
    .map(group => group.trim())
    .filter(Boolean);
  const optional = (value: string) => value.trim() || undefined;
  const number = (value: string) =>
    value.trim() === '' ? undefined : Number(value.trim());
  const body: Record<string, unknown> = {
    vendor: form.vendor.trim(),
    product: form.product.trim(),
    amount: form.amount.trim() === '' ? undefined : Number(form.amount),
    currency: form.currency.trim().toUpperCase(),
    period: form.period,
    start: form.start.trim(),
    end: optional(form.end),
    seats: number(form.seats),
    entityRef: optional(form.entityRef),
    groups: groups.length > 0 ? groups : undefined,
    activeSeatsMetric: optional(form.activeSeatsMetric),
  };
  return Object.fromEntries(
    Object.entries(body).filter(([, value]) => value !== undefined),
  );
}

/** Field → first problem, as the API would name it. */
export function validate(form: SubscriptionForm): Record<string, string> {
  const problems: Record<string, string> = {};
  const id = subscriptionIdSchema.safeParse(form.id);
  if (!id.success) problems.id = id.error.issues[0].message;
  const parsed = subscriptionInputSchema.safeParse(bodyOf(form));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? 'vendor');
      problems[field] ??= issue.message;
    }
  }
  return problems;
}

/** @public */
export interface SubscriptionEditorDialogProps {
  open: boolean;
  /** The portal subscription to edit; a new one without it. */
  subscription?: SubscriptionView;
  onClose(): void;
  onSaved(saved: SubscriptionView): void;
}

/** Adds or edits a portal subscription; problems shown at their fields. */
export function SubscriptionEditorDialog(props: SubscriptionEditorDialogProps) {
  const { open, subscription, onClose, onSaved } = props;
  const api = useApi(aiCostApiRef);
  const [form, setForm] = useState<SubscriptionForm>(formOf(subscription));
  const [touched, setTouched] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setForm(formOf(subscription));
    setTouched(false);
    setError(undefined);
    setBusy(false);
  }, [subscription, open]);

  const problems = validate(form);
  const shown = touched ? problems : {};
  const set =
    (field: keyof SubscriptionForm) =>
    (event: React.ChangeEvent<HTMLInputElement>) =>
      setForm({ ...form, [field]: event.target.value });

  async function save() {
    setTouched(true);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const saved = await api.putSubscription(
        form.id,
        bodyOf(form) as Parameters<typeof api.putSubscription>[1],
      );
      setBusy(false);
      onSaved(saved);
    } catch (e) {
      setBusy(false);
      setError(errorMessage(e));
    }
  }

  const field = (
    name: keyof SubscriptionForm,
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextField
      key={name}
      label={label}
      value={form[name]}
      onChange={set(name)}
      error={Boolean(shown[name])}
      helperText={shown[name] ?? extra.help}
      margin="dense"
      fullWidth
      inputProps={{ 'aria-label': label }}
      {...(extra.props as object)}
    />
  );

  const titleId = 'ai-cost-subscription-editor-title';
  return (
    <Dialog
      open={open}
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id={titleId}>
        {subscription
          ? `Edit subscription ${subscription.id}`
          : 'New subscription'}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        {field('id', 'Id', {
          help: 'e.g. copilot-business',
          props: { disabled: Boolean(subscription) },
        })}
        {field('vendor', 'Vendor')}
        {field('product', 'Product')}
        {field('amount', 'Amount per period', { props: { type: 'number' } })}
        {field('currency', 'Currency')}
        <TextField
          select
          label="Period"
          value={form.period}
          onChange={set('period')}
          error={Boolean(shown.period)}
          helperText={shown.period}
          margin="dense"
          fullWidth
          SelectProps={{ inputProps: { 'aria-label': 'Period' } }}
        >
          <MenuItem value="month">Month</MenuItem>
          <MenuItem value="year">Year</MenuItem>
        </TextField>
        {field('start', 'Start (YYYY-MM-DD)')}
        {field('end', 'End, inclusive (optional)')}
        {field('seats', 'Seats (optional)', { props: { type: 'number' } })}
        {field('entityRef', 'Assigned to entity (optional)', {
          help: 'e.g. group:default/search-team; or give groups',
        })}
        {field('groups', 'Or split among groups by members (comma-separated)')}
        {field('activeSeatsMetric', 'Active seats metric (optional)')}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Cancel
        </Button>
        <Button color="primary" onClick={save} disabled={busy}>
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
