import { forwardRef } from 'react';
import Paper from '@material-ui/core/Paper';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import { Table, type TableProps } from '@backstage/core-components';
import { useScrollCueStyles } from '../../utils/scrollCue';

/**
 * The sort arrow points down for descending order. Backstage's table draws
 * an upward arrow, which Material UI turns over for ascending order only,
 * so a descending column showed ↑.
 */
const SortArrow = forwardRef<SVGSVGElement, Record<string, unknown>>(
  (props, ref) => <ArrowDownward {...props} ref={ref} />,
);

const icons = { ...Table.icons, SortArrow };

export type AiCostTableProps<T extends object> = TableProps<T> & {
  title: string;
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** No card of its own, for tables inside a card. */
  flat?: boolean;
};

/**
 * Backstage's table as AI Cost uses it: it scrolls sideways in a focusable
 * region with shadows at the edges that have more columns, the sort arrow
 * points the way rows are sorted, and a sorted column flips between
 * descending and ascending (a third click no longer drops the order, which
 * looked like nothing happened).
 */
export function AiCostTable<T extends object>(props: AiCostTableProps<T>) {
  const { minWidth, flat, options, style, title, ...rest } = props;
  const classes = useScrollCueStyles();
  return (
    <Paper
      className={classes.scroll}
      elevation={flat ? 0 : 1}
      role="region"
      aria-label={title}
      tabIndex={0}
    >
      <Table<T>
        {...rest}
        title={title}
        icons={icons}
        options={{ draggable: false, thirdSortClick: false, ...options }}
        style={{
          boxShadow: 'none',
          background: 'transparent',
          minWidth,
          ...style,
        }}
      />
    </Paper>
  );
}
