import { useId, type ChangeEvent } from 'react';
import TextField from '@material-ui/core/TextField';

/** Picks the year of the plan among `years`; the selected one is added when missing. */
export function YearPicker(props: {
  year: number;
  years: number[];
  onChange(year: number): void;
}) {
  const { year, years, onChange } = props;
  const id = useId();
  const options = years.includes(year)
    ? years
    : [...years, year].sort((a, b) => b - a);
  return (
    <TextField
      id={`${id}-year`}
      select
      label="Year"
      variant="outlined"
      size="small"
      value={year}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(Number(event.target.value))
      }
      SelectProps={{ native: true }}
    >
      {options.map(option => (
        <option key={option} value={option}>
          {option}
        </option>
      ))}
    </TextField>
  );
}
