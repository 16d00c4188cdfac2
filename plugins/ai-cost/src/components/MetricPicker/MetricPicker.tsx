import { useId, type ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';
import type { MetricInfo } from '@ai-cost/plugin-ai-cost-common';
import { metricOptionLabel } from '../../utils/metrics';

/** @public */
export interface MetricPickerProps {
  /** The metric shown; empty while unknown. */
  value: string;
  /** The metrics to offer; `value` is offered too when it is not among them. */
  metrics: MetricInfo[];
  onChange(metric: string): void;
  /** Below the picker, e.g. where the metric comes from. */
  helperText?: string;
}

/** Picks the business metric unit costs are measured by. */
export function MetricPicker(props: MetricPickerProps) {
  const { value, metrics, onChange, helperText } = props;
  const id = useId();
  const options = metrics.map(m => ({
    metric: m.metric,
    label: metricOptionLabel(m.metric, m.unit),
  }));
  if (value && !options.some(option => option.metric === value)) {
    options.unshift({ metric: value, label: value });
  }
  return (
    <TextField
      id={`${id}-metric`}
      select
      label="Metric"
      variant="outlined"
      size="small"
      style={{ minWidth: 200 }}
      value={value}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(event.target.value as string)
      }
      helperText={helperText}
      SelectProps={{ native: true }}
    >
      {!value && <option value="" disabled />}
      {options.map(option => (
        <option key={option.metric} value={option.metric}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}
