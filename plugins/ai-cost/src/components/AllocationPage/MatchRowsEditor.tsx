import { useId } from 'react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { allocationMatchKeys } from '@ai-cost/plugin-ai-cost-common';
import { PROVIDER_TAG_KEY, type MatchRow } from './ruleForm';

/** @public */
export interface MatchRowsEditorProps {
  rows: MatchRow[];
  onChange(rows: MatchRow[]): void;
}

/** The `match` of a rule as rows of dimension and value (exact or glob). */
export function MatchRowsEditor(props: MatchRowsEditorProps) {
  const { rows, onChange } = props;
  const id = useId();
  const update = (index: number, change: Partial<MatchRow>) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  return (
    <Box component="fieldset" border={0} padding={0} margin={0}>
      <Typography component="legend" variant="subtitle2">
        Matches
      </Typography>
      <Typography variant="body2" color="textSecondary">
        Values are exact or globs with <code>*</code>; no rows match all spend.
      </Typography>
      {rows.map((row, index) => (
        <Box
          key={index}
          display="flex"
          flexWrap="wrap"
          alignItems="flex-start"
          marginTop={1}
          style={{ gap: 8 }}
        >
          <TextField
            select
            id={`${id}-key-${index}`}
            label={`Match key ${index + 1}`}
            SelectProps={{ native: true }}
            value={row.key}
            onChange={e => update(index, { key: e.target.value })}
            style={{ minWidth: 150 }}
          >
            {allocationMatchKeys.map(key => (
              <option key={key} value={key}>
                {key}
              </option>
            ))}
            <option value={PROVIDER_TAG_KEY}>tags.&lt;key&gt;</option>
          </TextField>
          {row.key === PROVIDER_TAG_KEY && (
            <TextField
              id={`${id}-tag-${index}`}
              label={`Provider tag ${index + 1}`}
              value={row.tagKey}
              onChange={e => update(index, { tagKey: e.target.value })}
              helperText="The key after tags."
            />
          )}
          <TextField
            id={`${id}-value-${index}`}
            label={`Match value ${index + 1}`}
            value={row.value}
            onChange={e => update(index, { value: e.target.value })}
          />
          <IconButton
            aria-label={`Remove match ${index + 1}`}
            onClick={() => onChange(rows.filter((_, i) => i !== index))}
          >
            <DeleteIcon />
          </IconButton>
        </Box>
      ))}
      <Button
        size="small"
        onClick={() =>
          onChange([...rows, { key: 'provider', tagKey: '', value: '' }])
        }
      >
        Add match
      </Button>
    </Box>
  );
}
