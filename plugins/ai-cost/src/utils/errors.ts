/** True for a 403 from the backend (a `ResponseError` or a bare `NotAllowedError`). */
export function isForbidden(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { statusCode?: unknown; name?: unknown; cause?: unknown };
  if (e.statusCode === 403 || e.name === 'NotAllowedError') return true;
  const cause = e.cause as { name?: unknown } | undefined;
  return cause?.name === 'NotAllowedError';
}

/** True for a 404 from the backend (a `ResponseError` or a bare `NotFoundError`). */
export function isNotFound(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { statusCode?: unknown; name?: unknown };
  return e.statusCode === 404 || e.name === 'NotFoundError';
}

/** The server's own message for a `ResponseError`, else the error's message. */
export function errorMessage(error: unknown): string {
  const e = error as
    | { body?: { error?: { message?: unknown } }; message?: unknown }
    | undefined;
  const serverMessage = e?.body?.error?.message;
  if (typeof serverMessage === 'string' && serverMessage) return serverMessage;
  return typeof e?.message === 'string' ? e.message : String(error);
}
