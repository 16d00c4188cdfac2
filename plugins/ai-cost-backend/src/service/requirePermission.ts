import type {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Request } from 'express';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * Asks the permission policy and throws `NotAllowedError` (403) naming the
 * permission, and the entity for a resource permission, when it says no.
 */
export async function requirePermission(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
  request:
    | { permission: BasicPermission }
    | { permission: ResourcePermission; resourceRef: string },
): Promise<void> {
  const [decision] = await permissions.authorize([request], { credentials });
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      'resourceRef' in request
        ? `Missing permission ${request.permission.name} on ${request.resourceRef}`
        : `Missing permission ${request.permission.name}`,
    );
  }
}

/**
 * Checks a request's caller (a user or a service) against a basic
 * permission; the credentials when allowed. What every org-level route does.
 */
export function requestAuthorizer(
  httpAuth: HttpAuthService,
  permissions: PermissionsService,
) {
  return async (
    req: Request,
    permission: BasicPermission,
  ): Promise<BackstageCredentials> => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await requirePermission(permissions, credentials, { permission });
    return credentials;
  };
}
