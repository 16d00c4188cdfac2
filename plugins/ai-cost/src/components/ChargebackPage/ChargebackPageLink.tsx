import { LinkButton } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { chargebackRouteRef } from '../../routes';

/** The path of the chargeback page, or undefined where the app does not mount it. */
function useChargebackPath(): string | undefined {
  try {
    return useRouteRef(chargebackRouteRef)();
  } catch {
    // useRouteRef throws after its hooks ran: the hook order is unchanged.
    return undefined;
  }
}

/** A button to the chargeback page, for the org page header; nothing where it is not mounted. */
export function ChargebackPageLink() {
  const path = useChargebackPath();
  if (!path) return null;
  return (
    <LinkButton to={path} variant="outlined" color="primary">
      Chargeback
    </LinkButton>
  );
}
