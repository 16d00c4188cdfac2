import { useEffect, useMemo, useState, type FormEvent } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';
import { MatchRowsEditor } from './MatchRowsEditor';
import { RuleEffectFields } from './RuleEffectFields';
import { RulePreview } from './RulePreview';
import {
  emptyRuleForm,
  formToBody,
  hasEffect,
  ruleToForm,
  type RuleForm,
} from './ruleForm';
import type { AllocationRuleView } from './ruleText';
import { useRulePreview } from './useRulePreview';

/** @public */
export interface RuleEditorDialogProps {
  open: boolean;
  /** The portal rule to edit; a new rule without it. */
  rule?: AllocationRuleView;
  /** The allocation tags a virtual-tag rule can set. */
  tags: string[];
  onClose(): void;
  onSaved(rule: AllocationRuleView): void;
}

/**
 * Creates or edits a portal allocation rule (`PUT /allocation/rules/:id`),
 * with a live preview of what it would move (`POST
 * /allocation/rules/preview`). Server errors are shown in the dialog.
 * @public
 */
export function RuleEditorDialog(props: RuleEditorDialogProps) {
  const { open, rule, tags, onClose, onSaved } = props;
  const api = useApi(aiCostApiRef);
  const [form, setForm] = useState<RuleForm>(() => emptyRuleForm(tags));
  const [saveError, setSaveError] = useState<string>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    setForm(rule ? ruleToForm(rule, tags) : emptyRuleForm(tags));
    setSaveError(undefined);
    setSaving(false);
  }, [open, rule, tags]);

  const parsed = useMemo(() => formToBody(form), [form]);
  const ready = open && hasEffect(form) && 'body' in parsed;
  const preview = useRulePreview(
    ready && 'body' in parsed ? parsed.body : undefined,
  );
  const change = (next: Partial<RuleForm>) =>
    setForm(previous => ({ ...previous, ...next }));

  async function save(event: FormEvent) {
    event.preventDefault();
    const id = form.id.trim();
    if (!id) {
      setSaveError('Rule id is required, e.g. shared-eval-key');
      return;
    }
    if ('error' in parsed) {
      setSaveError(parsed.error);
      return;
    }
    setSaving(true);
    setSaveError(undefined);
    try {
      const saved = await api.putAllocationRule(id, parsed.body);
      setSaving(false);
      onSaved(saved);
    } catch (error) {
      setSaving(false);
      setSaveError(errorMessage(error));
    }
  }

  const titleId = 'ai-cost-rule-editor-title';
  return (
    <Dialog
      open={open}
      onClose={saving ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="md"
    >
      <form onSubmit={save} noValidate>
        <DialogTitle id={titleId}>
          {rule ? `Edit rule ${rule.id}` : 'New allocation rule'}
        </DialogTitle>
        <DialogContent>
          {saveError && (
            <Alert severity="error" role="alert">
              {saveError}
            </Alert>
          )}
          <Box display="flex" flexWrap="wrap" marginY={1} style={{ gap: 8 }}>
            <TextField
              select
              id="ai-cost-rule-kind"
              label="Kind"
              SelectProps={{ native: true }}
              value={form.kind}
              disabled={Boolean(rule)}
              onChange={e =>
                change({ kind: e.target.value as RuleForm['kind'] })
              }
            >
              <option value="virtualTag">Virtual tag</option>
              <option value="split">Split</option>
            </TextField>
            <TextField
              id="ai-cost-rule-id"
              label="Rule id"
              required
              value={form.id}
              disabled={Boolean(rule)}
              onChange={e => change({ id: e.target.value })}
              helperText="Lower-case letters, digits, _ . -"
            />
          </Box>
          <MatchRowsEditor
            rows={form.match}
            onChange={match => change({ match })}
          />
          <Box marginTop={2}>
            <RuleEffectFields form={form} tags={tags} onChange={change} />
          </Box>
          {'error' in parsed ? (
            <Box marginTop={2}>
              <Alert severity="warning">{parsed.error}</Alert>
            </Box>
          ) : (
            <RulePreview kind={form.kind} state={preview} ready={ready} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={saving}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={saving}
          >
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
