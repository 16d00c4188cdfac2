import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { billedValuesRouteRef } from '../../routes';

/** The path of the billed values page, or undefined where the app does not mount it. */
function useBilledValuesPath(): string | undefined {
  try {
    return useRouteRef(billedValuesRouteRef)();
  } catch {
    // useRouteRef throws after its hooks ran: the hook order is unchanged.
    return undefined;
  }
}

/** A button to the billed values page, for the org page header; nothing where it is not mounted. */
export function BilledValuesPageLink() {
  const path = useBilledValuesPath();
  if (!path) return null;
  return (
    <LinkButton to={path} variant="outlined" color="primary">
      Billed values
    </LinkButton>
  );
}
