import { useEffect, useId, useState, type ChangeEvent } from 'react';
import Box from '@material-ui/core/Box';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/esm/useDebounce';
import { providerLabel } from '../../utils/labels';
import {
  CLAIM_STATE_OPTIONS,
  DIMENSION_OPTIONS,
  type ClaimStateFilter,
} from './billedValues';
import type { BilledValuesFilters as Filters } from './useBilledValuesFilters';

/** How long typing pauses before the search runs. */
export const SEARCH_DEBOUNCE_MS = 300;

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  search: { flex: '1 1 240px', maxWidth: 420 },
  select: { minWidth: 180 },
}));

function Select(props: {
  label: string;
  value: string;
  all: string;
  options: Array<{ value: string; label: string }>;
  onChange(value: string): void;
}) {
  const { label, value, all, options, onChange } = props;
  const classes = useStyles();
  const id = useId();
  return (
    <TextField
      id={id}
      select
      label={label}
      variant="outlined"
      size="small"
      className={classes.select}
      value={value}
      onChange={(event: ChangeEvent<{ value: unknown }>) =>
        onChange(event.target.value as string)
      }
      SelectProps={{ native: true }}
      InputLabelProps={{ shrink: true }}
    >
      <option value="">{all}</option>
      {options.map(option => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </TextField>
  );
}

/** @public */
export interface BilledValuesFiltersProps {
  filters: Filters;
  /** Providers offered besides the selected one. */
  providers: string[];
  onChange(change: Partial<Filters>): void;
}

/** The search box (debounced) and the provider, dimension and claim state filters. @public */
export function BilledValuesFilters(props: BilledValuesFiltersProps) {
  const { filters, providers, onChange } = props;
  const classes = useStyles();
  const id = useId();
  const [text, setText] = useState(filters.q);
  // The URL changed elsewhere (back button, link): show its search.
  useEffect(
    () =>
      setText(current => (current.trim() === filters.q ? current : filters.q)),
    [filters.q],
  );
  useDebounce(
    () => {
      const q = text.trim();
      if (q !== filters.q) onChange({ q });
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );
  const providerOptions = [
    ...new Set([...providers, ...(filters.provider ? [filters.provider] : [])]),
  ]
    .map(p => ({ value: p, label: providerLabel(p) }))
    .sort((a, b) => a.label.localeCompare(b.label));

  return (
    <Box className={classes.root}>
      <TextField
        id={`${id}-search`}
        className={classes.search}
        label="Search values"
        placeholder="proj_, key_, an account id, team=search"
        variant="outlined"
        size="small"
        type="search"
        value={text}
        onChange={event => setText(event.target.value)}
        inputProps={{ maxLength: 256 }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      <Select
        label="Provider"
        value={filters.provider}
        all="All providers"
        options={providerOptions}
        onChange={provider => onChange({ provider })}
      />
      <Select
        label="Dimension"
        value={filters.dimension}
        all="All dimensions"
        options={DIMENSION_OPTIONS}
        onChange={dimension => onChange({ dimension })}
      />
      <Select
        label="Claim state"
        value={filters.state}
        all="Any claim state"
        options={CLAIM_STATE_OPTIONS}
        onChange={state => onChange({ state: state as ClaimStateFilter | '' })}
      />
    </Box>
  );
}
