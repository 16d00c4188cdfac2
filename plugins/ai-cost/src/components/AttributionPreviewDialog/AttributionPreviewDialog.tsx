import { useId, useState, type FormEvent } from 'react';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { aiCostApiRef } from '../../api';
import { errorMessage } from '../../utils/errors';
import { AttributionPreviewResult } from './AttributionPreviewResult';

const PLACEHOLDER = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: my-service
  annotations:
    ai-cost/openai-project-id: proj_abc123`;

/** @public */
export interface AttributionPreviewDialogProps {
  open: boolean;
  onClose(): void;
  /** The YAML the field starts with; empty by default. */
  initialYaml?: string;
}

/**
 * "Check a catalog-info.yaml": posts pasted YAML to
 * `POST /attribution/preview` and shows what the entity would claim, its
 * conflicts and annotation problems, or the server's message for YAML it
 * cannot read. Nothing is saved.
 * @public
 */
export function AttributionPreviewDialog(props: AttributionPreviewDialogProps) {
  const { open, onClose, initialYaml = '' } = props;
  const api = useApi(aiCostApiRef);
  const id = useId();
  const [yaml, setYaml] = useState(initialYaml);
  const [checked, check] = useAsyncFn(
    (text: string) => api.previewAttribution({ yaml: text }),
    [api],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (yaml.trim()) check(yaml);
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby={`${id}-title`}
    >
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={`${id}-title`}>Check a catalog-info.yaml</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Paste an entity's <code>catalog-info.yaml</code> before it is merged
            to see which billed values its <code>ai-cost/*</code> annotations
            would claim, the spend of each over the last 30 days and which
            entities already claim the same value. Nothing is saved.
          </DialogContentText>
          <TextField
            id={`${id}-yaml`}
            label="catalog-info.yaml"
            placeholder={PLACEHOLDER}
            multiline
            minRows={8}
            maxRows={20}
            fullWidth
            variant="outlined"
            value={yaml}
            onChange={event => setYaml(event.target.value)}
            inputProps={{
              spellCheck: false,
              style: { fontFamily: 'monospace' },
            }}
          />
          {checked.error && !checked.loading && (
            <Alert severity="error" role="alert" style={{ marginTop: 16 }}>
              Could not check the YAML: {errorMessage(checked.error)}
            </Alert>
          )}
          {checked.value && !checked.error && !checked.loading && (
            <AttributionPreviewResult preview={checked.value} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Close</Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={!yaml.trim() || checked.loading}
          >
            {checked.loading ? 'Checking…' : 'Check'}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
