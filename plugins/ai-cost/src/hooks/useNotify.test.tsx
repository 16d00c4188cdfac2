import { alertApiRef, toastApiRef } from '@backstage/frontend-plugin-api';
import { TestApiProvider } from '@backstage/test-utils';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { useNotify } from './useNotify';

describe('useNotify', () => {
  it('posts a toast, not a deprecated alert, when the app has the toast API', () => {
    const toastApi = { post: jest.fn() };
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    const { result } = renderHook(() => useNotify(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider
          apis={[
            [toastApiRef, toastApi],
            [alertApiRef, alertApi],
          ]}
        >
          {children}
        </TestApiProvider>
      ),
    });
    result.current({
      message: 'Could not export the CSV: boom',
      status: 'danger',
    });
    result.current({ message: 'Budget of Search saved', status: 'success' });
    expect(toastApi.post.mock.calls).toEqual([
      [{ title: 'Could not export the CSV: boom', status: 'danger' }],
      [{ title: 'Budget of Search saved', status: 'success', timeout: 5000 }],
    ]);
    expect(alertApi.post).not.toHaveBeenCalled();
  });

  it('falls back to the alert API in apps without a toast API', () => {
    const alertApi = { post: jest.fn(), alert$: jest.fn() };
    const { result } = renderHook(() => useNotify(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <TestApiProvider apis={[[alertApiRef, alertApi]]}>
          {children}
        </TestApiProvider>
      ),
    });
    result.current({
      message: 'Could not export the CSV: boom',
      status: 'danger',
    });
    expect(alertApi.post).toHaveBeenCalledWith({
      message: 'Could not export the CSV: boom',
      severity: 'error',
    });
  });
});
