import { useState, type ReactNode } from 'react';
import Button from '@material-ui/core/Button';

/**
 * The "Show data table" button under a chart: the chart's numbers as a table
 * for screen readers and for reading exact values, shown on demand.
 */
export function DataTableToggle(props: {
  /** The id the table is rendered with. */
  tableId: string;
  children: ReactNode;
}) {
  const [shown, setShown] = useState(false);
  return (
    <>
      <Button
        size="small"
        aria-expanded={shown}
        aria-controls={props.tableId}
        onClick={() => setShown(value => !value)}
      >
        {shown ? 'Hide data table' : 'Show data table'}
      </Button>
      {shown && props.children}
    </>
  );
}
