import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';

/** One captured log line with the fields of the logger it came from. */
export interface CapturedLog {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  meta: Record<string, unknown>;
}

function serializeMeta(meta: unknown): Record<string, unknown> {
  if (meta instanceof Error) {
    return {
      error: { name: meta.name, message: meta.message, stack: meta.stack },
    };
  }
  if (meta && typeof meta === 'object') {
    return Object.fromEntries(
      Object.entries(meta).map(([key, value]) => [
        key,
        value instanceof Error
          ? { name: value.name, message: value.message, stack: value.stack }
          : value,
      ]),
    );
  }
  return {};
}

/**
 * A {@link LoggerService} that keeps every line, of itself and of its
 * children, so a test can search everything that would have been logged
 * (messages, fields, error messages and stacks) for a secret.
 */
export function captureLogger(): LoggerService & {
  logs: CapturedLog[];
  /** Every line as one JSON text, for substring checks. */
  text(): string;
} {
  const logs: CapturedLog[] = [];
  const make = (fields: JsonObject): LoggerService => {
    const log =
      (level: CapturedLog['level']) => (message: string, meta?: unknown) => {
        logs.push({
          level,
          message,
          meta: { ...fields, ...serializeMeta(meta) },
        });
      };
    return {
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
      child: more => make({ ...fields, ...more }),
    };
  };
  return Object.assign(make({}), {
    logs,
    text: () => JSON.stringify(logs),
  });
}
