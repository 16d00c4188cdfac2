import { forwardRef } from 'react';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownward from '@material-ui/icons/ArrowDownward';
import { Table, type TableProps } from '@backstage/core-components';

/**
 * The sort arrow points down for descending order. Backstage's table draws
 * an upward arrow, which Material UI turns over for ascending order only,
 * so a descending column showed ↑.
 */
const SortArrow = forwardRef<SVGSVGElement, Record<string, unknown>>(
  (props, ref) => <ArrowDownward {...props} ref={ref} />,
);

const icons = { ...Table.icons, SortArrow };

const useStyles = makeStyles(theme => {
  const paper = theme.palette.background.paper;
  const shade = theme.palette.type === 'dark' ? '0,0,0,0.6' : '0,0,0,0.18';
  return {
    // Shadows on the side that scrolls, drawn by the background: the
    // covers move with the content and hide a shadow once its edge is reached.
    scroll: {
      backgroundColor: paper,
      backgroundImage: [
        `linear-gradient(to right, ${paper} 30%, transparent)`,
        `linear-gradient(to left, ${paper} 30%, transparent)`,
        `radial-gradient(farthest-side at 0 50%, rgba(${shade}), transparent)`,
        `radial-gradient(farthest-side at 100% 50%, rgba(${shade}), transparent)`,
      ].join(', '),
      backgroundPosition:
        'left center, right center, left center, right center',
      backgroundRepeat: 'no-repeat',
      backgroundSize: '40px 100%, 40px 100%, 14px 100%, 14px 100%',
      backgroundAttachment: 'local, local, scroll, scroll',
      '&:focus-visible': {
        outline: `2px solid ${theme.palette.primary.main}`,
      },
    },
  };
});

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
  const classes = useStyles();
  return (
    <Paper
      className={classes.scroll}
      elevation={flat ? 0 : 1}
      role="region"
      aria-label={title}
      tabIndex={0}
      style={{ overflowX: 'auto' }}
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
