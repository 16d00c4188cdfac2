import type { Config } from '@backstage/config';
import type { LoggerService } from '@backstage/backend-plugin-api';
import { pushSourceIdSchema } from '@ai-cost/plugin-ai-cost-common';

/** Settings of `POST /ingest/events` and `POST /import/focus` (`aiCost.push`). */
export interface PushSettings {
  /** Source id pushed gateway events are stored under. */
  sourceId: string;
  /** Events one `POST /ingest/events` may carry. */
  maxEventsPerBatch: number;
  /** Largest body of `POST /ingest/events`, in bytes. */
  maxBatchBytes: number;
  /** Largest FOCUS file of `POST /import/focus`, in bytes after decompression. */
  maxImportBytes: number;
  /** When set, only these event attributes become tags. */
  tagKeys?: string[];
}

/** @internal */
export const DEFAULT_PUSH_SETTINGS: PushSettings = {
  sourceId: 'gateway',
  maxEventsPerBatch: 10_000,
  maxBatchBytes: 16 * 1024 * 1024,
  maxImportBytes: 50 * 1024 * 1024,
};

/** The config key of the push settings. */
const PUSH_SETTINGS_KEY = 'aiCost.push';
/** Its former name, easily confused with `aiCost.ingestion` (pull); still read. */
const DEPRECATED_PUSH_SETTINGS_KEY = 'aiCost.ingest';

/**
 * Reads `aiCost.push`, failing start-up with the key of a bad value. The
 * former key `aiCost.ingest` is still read when `aiCost.push` is absent, with
 * a deprecation warning through `logger`.
 */
export function readPushSettings(
  config: Config,
  logger?: LoggerService,
): PushSettings {
  const { key: root, settings } = pushSettingsConfig(config, logger);
  const positive = (key: keyof PushSettings, max: number): number => {
    const value =
      settings?.getOptionalNumber(key) ??
      (DEFAULT_PUSH_SETTINGS[key] as number);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(
        `${root}.${key} must be a whole number between 1 and ${max}, got ${value}`,
      );
    }
    return value;
  };
  const sourceId =
    settings?.getOptionalString('sourceId') ?? DEFAULT_PUSH_SETTINGS.sourceId;
  const parsed = pushSourceIdSchema.safeParse(sourceId);
  if (!parsed.success) {
    throw new Error(
      `${root}.sourceId ${JSON.stringify(sourceId)} ${
        parsed.error.issues[0].message
      }`,
    );
  }
  const tagKeys = settings?.getOptionalStringArray('tagKeys');
  return {
    sourceId,
    maxEventsPerBatch: positive('maxEventsPerBatch', 1_000_000),
    maxBatchBytes: positive('maxBatchBytes', 1024 * 1024 * 1024),
    maxImportBytes: positive('maxImportBytes', 4 * 1024 * 1024 * 1024),
    ...(tagKeys ? { tagKeys } : {}),
  };
}

/** The push settings block and the key it was read from. */
function pushSettingsConfig(
  config: Config,
  logger?: LoggerService,
): { key: string; settings?: Config } {
  const current = config.getOptionalConfig(PUSH_SETTINGS_KEY);
  const deprecated = config.getOptionalConfig(DEPRECATED_PUSH_SETTINGS_KEY);
  if (deprecated && current) {
    logger?.warn(
      `${DEPRECATED_PUSH_SETTINGS_KEY} is deprecated and ignored because ${PUSH_SETTINGS_KEY} is set; remove ${DEPRECATED_PUSH_SETTINGS_KEY}`,
    );
  } else if (deprecated) {
    logger?.warn(
      `${DEPRECATED_PUSH_SETTINGS_KEY} is deprecated: rename it to ${PUSH_SETTINGS_KEY} (the push limits; ${DEPRECATED_PUSH_SETTINGS_KEY} is easily confused with aiCost.ingestion, the pull schedule)`,
    );
    return { key: DEPRECATED_PUSH_SETTINGS_KEY, settings: deprecated };
  }
  return { key: PUSH_SETTINGS_KEY, settings: current };
}
