import { useRef, useState } from 'react';
import { Link } from '@backstage/core-components';
import { type RouteRef, useRouteRef } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import ArrowDropDownIcon from '@material-ui/icons/ArrowDropDown';
import {
  allocationRouteRef,
  billedValuesRouteRef,
  chargebackRouteRef,
  planRouteRef,
  subscriptionsRouteRef,
} from '../../routes';

/** The organisation's pages, in the order the menu lists them. */
const ORG_PAGES: ReadonlyArray<{ title: string; routeRef: RouteRef }> = [
  { title: 'Allocation & chargeback readiness', routeRef: allocationRouteRef },
  { title: 'Chargeback', routeRef: chargebackRouteRef },
  { title: 'Plan', routeRef: planRouteRef },
  { title: 'Subscriptions', routeRef: subscriptionsRouteRef },
  { title: 'Billed values', routeRef: billedValuesRouteRef },
];

/** The path of a page, or undefined where the app does not mount it. */
function useOptionalPath(routeRef: RouteRef): string | undefined {
  try {
    return useRouteRef(routeRef)();
  } catch {
    // useRouteRef throws after its hooks ran: the hook order is unchanged.
    return undefined;
  }
}

/**
 * One "Pages" menu in the org page header for the pages the app mounts
 * (allocation, chargeback, plan, subscriptions, billed values), instead of a
 * row of buttons that wraps at 800 px; nothing where none is mounted.
 */
export function OrgPagesMenu() {
  const anchor = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const pages = ORG_PAGES.map(page => ({
    ...page,
    // ORG_PAGES is constant: the hooks run in the same order on every render.
    path: useOptionalPath(page.routeRef), // eslint-disable-line react-hooks/rules-of-hooks
  })).filter(page => page.path !== undefined);
  if (pages.length === 0) return null;
  return (
    <>
      <Button
        ref={anchor}
        variant="outlined"
        color="primary"
        aria-haspopup="menu"
        aria-expanded={open}
        endIcon={<ArrowDropDownIcon />}
        onClick={() => setOpen(true)}
      >
        Pages
      </Button>
      <Menu
        anchorEl={anchor.current}
        open={open}
        onClose={() => setOpen(false)}
        getContentAnchorEl={null}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        {pages.map(page => (
          <MenuItem
            key={page.title}
            component={Link}
            to={page.path!}
            onClick={() => setOpen(false)}
          >
            {page.title}
          </MenuItem>
        ))}
      </Menu>
    </>
  );
}
