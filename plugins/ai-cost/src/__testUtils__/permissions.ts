import type { PermissionApi } from '@backstage/plugin-permission-react';

type Request = Parameters<PermissionApi['authorize']>[0];

/**
 * A permission API that allows or denies every request (or decides per
 * request), with `authorize` as a jest mock to assert on.
 */
export function makePermissionApi(
  allow: boolean | ((request: Request) => boolean) = true,
): PermissionApi & { authorize: jest.Mock } {
  const authorize = jest.fn(async (request: Request) => {
    const allowed = typeof allow === 'function' ? allow(request) : allow;
    // AuthorizeResult.ALLOW / DENY, without depending on permission-common.
    return { result: allowed ? 'ALLOW' : 'DENY' };
  });
  return { authorize } as unknown as PermissionApi & { authorize: jest.Mock };
}

/** An alert API whose `post` is a jest mock, to assert on messages. */
export function makeAlertApi() {
  return { post: jest.fn(), alert$: jest.fn() };
}
