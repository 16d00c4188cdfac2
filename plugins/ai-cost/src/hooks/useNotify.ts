import { useCallback } from 'react';
import {
  alertApiRef,
  toastApiRef,
  useApiHolder,
} from '@backstage/frontend-plugin-api';

/** A short message for the user: a success that goes away, or a failure that stays. */
export interface Notice {
  message: string;
  status: 'success' | 'danger';
}

/** How long a success toast stays, in milliseconds. */
const SUCCESS_TIMEOUT = 5000;

/**
 * Posts notices as toasts (the toast API replaces the deprecated alert API).
 * Apps of the old frontend system have no toast API: there the notice goes
 * to their alert API.
 */
export function useNotify(): (notice: Notice) => void {
  const apis = useApiHolder();
  return useCallback(
    ({ message, status }: Notice) => {
      const toastApi = apis.get(toastApiRef);
      if (toastApi) {
        toastApi.post({
          title: message,
          status,
          ...(status === 'success' ? { timeout: SUCCESS_TIMEOUT } : {}),
        });
        return;
      }
      apis
        .get(alertApiRef)
        ?.post(
          status === 'success'
            ? { message, severity: 'success', display: 'transient' }
            : { message, severity: 'error' },
        );
    },
    [apis],
  );
}
