import { makeStyles } from '@material-ui/core/styles';

/**
 * A region that scrolls sideways with a shadow on each side that has more
 * to show, drawn by the background: the covers move with the content and
 * hide a shadow once its edge is reached. Give the element
 * `overflowX: 'auto'`, `role="region"`, a label and `tabIndex={0}`.
 */
export const useScrollCueStyles = makeStyles(theme => {
  const paper = theme.palette.background.paper;
  const shade = theme.palette.type === 'dark' ? '0,0,0,0.6' : '0,0,0,0.18';
  return {
    scroll: {
      overflowX: 'auto',
      // Contains absolutely positioned content (screen-reader-only text),
      // which would otherwise widen the page instead of the region.
      position: 'relative',
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
