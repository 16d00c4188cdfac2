import { useId } from 'react';
import Box from '@material-ui/core/Box';
import TextField from '@material-ui/core/TextField';
import { allocationSplitMethods } from '@ai-cost/plugin-ai-cost-common';
import type { RuleForm } from './ruleForm';

/** @public */
export interface RuleEffectFieldsProps {
  form: RuleForm;
  /** The allocation tags a virtual-tag rule can set. */
  tags: string[];
  onChange(change: Partial<RuleForm>): void;
}

const methodHelp: Record<RuleForm['method'], string> = {
  even: 'Equal parts',
  fixed: 'Parts in proportion to fixed weights',
  proportional: "Each target's own directly claimed spend that day",
  metric: "Each target's value of a business metric that day",
  members: 'How many catalog Users are members of each target group',
};

/** What a rule does: the tag and its value, or the split method and targets. */
export function RuleEffectFields(props: RuleEffectFieldsProps) {
  const { form, tags, onChange } = props;
  const id = useId();
  if (form.kind === 'virtualTag') {
    return (
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        <TextField
          select
          id={`${id}-tag`}
          label="Tag"
          SelectProps={{ native: true }}
          value={form.tag}
          onChange={e => onChange({ tag: e.target.value })}
          style={{ minWidth: 150 }}
        >
          {tags.map(tag => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </TextField>
        <TextField
          select
          id={`${id}-set`}
          label="Set"
          SelectProps={{ native: true }}
          value={form.valueSource}
          onChange={e =>
            onChange({
              valueSource: e.target.value as RuleForm['valueSource'],
            })
          }
        >
          <option value="value">to a value</option>
          <option value="valueFrom">from a provider tag</option>
        </TextField>
        {form.valueSource === 'value' ? (
          <TextField
            id={`${id}-value`}
            label="Value"
            value={form.value}
            onChange={e => onChange({ value: e.target.value })}
          />
        ) : (
          <TextField
            id={`${id}-provider-tag`}
            label="Provider tag"
            value={form.valueFrom}
            onChange={e => onChange({ valueFrom: e.target.value })}
            helperText="The key after tags., e.g. customer_id"
          />
        )}
      </Box>
    );
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 8 }}>
      <TextField
        select
        id={`${id}-method`}
        label="Method"
        SelectProps={{ native: true }}
        value={form.method}
        onChange={e =>
          onChange({ method: e.target.value as RuleForm['method'] })
        }
        helperText={methodHelp[form.method]}
      >
        {allocationSplitMethods.map(method => (
          <option key={method} value={method}>
            {method}
          </option>
        ))}
      </TextField>
      {form.method === 'fixed' ? (
        <TextField
          id={`${id}-shares`}
          label="Shares"
          multiline
          minRows={2}
          value={form.shares}
          onChange={e => onChange({ shares: e.target.value })}
          helperText="One entityRef: weight per line, e.g. component:default/search-api: 70"
        />
      ) : (
        <TextField
          id={`${id}-targets`}
          label="Targets"
          multiline
          minRows={2}
          value={form.targets}
          onChange={e => onChange({ targets: e.target.value })}
          helperText="Entity refs, one per line or comma-separated"
        />
      )}
      {form.method === 'metric' && (
        <TextField
          id={`${id}-metric`}
          label="Metric"
          value={form.metric}
          onChange={e => onChange({ metric: e.target.value })}
        />
      )}
    </Box>
  );
}
