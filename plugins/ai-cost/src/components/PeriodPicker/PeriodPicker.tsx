import { useId, type ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  periodLabels,
  periodPresets,
  type PeriodPreset,
  type ResolvedPeriod,
} from '../../utils/period';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  select: { minWidth: 180 },
}));

/** @public */
export interface PeriodPickerProps {
  period: ResolvedPeriod;
  /** The current UTC day; custom windows cannot end after it. */
  today: string;
  onPresetChange(preset: PeriodPreset): void;
  onCustomChange(from: string, to: string): void;
}

/**
 * Picks the window costs are shown for: last 7/30/90 days, this or last
 * month, or a custom from/to range (UTC days, both inclusive).
 * @public
 */
export function PeriodPicker(props: PeriodPickerProps) {
  const { period, today, onPresetChange, onCustomChange } = props;
  const classes = useStyles();
  const id = useId();
  const error = period.error;

  const onSelect = (event: ChangeEvent<{ value: unknown }>) => {
    const value = event.target.value as PeriodPreset | 'custom';
    if (value === 'custom') {
      onCustomChange(period.from, period.to);
    } else {
      onPresetChange(value);
    }
  };

  // Every edit goes to the URL, valid or not: an invalid window shows its
  // error and no costs, never the costs of the window before.
  const onDate =
    (field: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
      const next = {
        from: period.from,
        to: period.to,
        [field]: event.target.value,
      };
      onCustomChange(next.from, next.to);
    };

  return (
    <div className={classes.root}>
      <TextField
        id={`${id}-period`}
        select
        label="Period"
        variant="outlined"
        size="small"
        className={classes.select}
        value={period.preset}
        onChange={onSelect}
        SelectProps={{ native: true }}
      >
        {periodPresets.map(preset => (
          <option key={preset} value={preset}>
            {periodLabels[preset]}
          </option>
        ))}
        <option value="custom">{periodLabels.custom}</option>
      </TextField>
      {period.preset === 'custom' ? (
        <>
          <TextField
            id={`${id}-from`}
            type="date"
            label="From"
            variant="outlined"
            size="small"
            value={period.from}
            onChange={onDate('from')}
            InputLabelProps={{ shrink: true }}
            inputProps={{ max: today }}
            error={Boolean(error)}
          />
          <TextField
            id={`${id}-to`}
            type="date"
            label="To"
            variant="outlined"
            size="small"
            value={period.to}
            onChange={onDate('to')}
            InputLabelProps={{ shrink: true }}
            inputProps={{ max: today }}
            error={Boolean(error)}
            helperText={error}
          />
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {period.from} – {period.to} (UTC)
        </Typography>
      )}
    </div>
  );
}
