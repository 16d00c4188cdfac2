import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { allocationRouteRef } from '../../routes';

/** The path of the allocation page, or undefined where the app does not mount it. */
function useAllocationPath(): string | undefined {
  try {
    return useRouteRef(allocationRouteRef)();
  } catch {
    // useRouteRef throws after its hooks ran: the hook order is unchanged.
    return undefined;
  }
}

/** A button to the allocation page, for the org page header; nothing where it is not mounted. */
export function AllocationPageLink() {
  const path = useAllocationPath();
  if (!path) return null;
  return (
    <LinkButton to={path} variant="outlined" color="primary">
      Allocation &amp; chargeback readiness
    </LinkButton>
  );
}
