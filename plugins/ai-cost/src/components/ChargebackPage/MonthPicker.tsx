import { useId, type ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import { monthLabel } from './months';

const useStyles = makeStyles({ select: { minWidth: 180 } });

/** @public */
export interface MonthPickerProps {
  /** The selected month, `YYYY-MM`. */
  month: string;
  /** The months offered, newest first; the selected one is added when missing. */
  months: string[];
  onChange(month: string): void;
}

/** Picks the month of the chargeback statement. @public */
export function MonthPicker(props: MonthPickerProps) {
  const { month, months, onChange } = props;
  const classes = useStyles();
  const id = useId();
  const options = months.includes(month)
    ? months
    : [...months, month].sort().reverse();
  return (
    <TextField
      id={`${id}-month`}
      select
      label="Month"
      variant="outlined"
      size="small"
      className={classes.select}
      value={month}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(event.target.value as string)
      }
      SelectProps={{ native: true }}
    >
      {options.map(option => (
        <option key={option} value={option}>
          {monthLabel(option)}
        </option>
      ))}
    </TextField>
  );
}
