import type { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who made a request, for audit fields: the user's entity ref or the service's subject. */
export function principalRef(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? principal.type;
}
