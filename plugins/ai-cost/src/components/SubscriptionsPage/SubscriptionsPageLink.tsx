import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { subscriptionsRouteRef } from '../../routes';

function useSubscriptionsPath(): string | undefined {
  try {
    return useRouteRef(subscriptionsRouteRef)();
  } catch {
    // useRouteRef throws after its hooks ran: the hook order is unchanged.
    return undefined;
  }
}

/** A button to the subscriptions page, for the org page header; nothing where it is not mounted. */
export function SubscriptionsPageLink() {
  const path = useSubscriptionsPath();
  if (!path) return null;
  return (
    <LinkButton to={path} variant="outlined" color="primary">
      Subscriptions
    </LinkButton>
  );
}
