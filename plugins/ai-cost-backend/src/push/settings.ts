import type { Config } from '@backstage/config';
import { pushSourceIdSchema } from '@ai-cost/plugin-ai-cost-common';

/** Settings of `POST /ingest/events` and `POST /import/focus` (`aiCost.ingest`). */
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

/** Reads `aiCost.ingest`, failing start-up with the key of a bad value. */
export function readPushSettings(config: Config): PushSettings {
  const ingest = config.getOptionalConfig('aiCost.ingest');
  const positive = (key: keyof PushSettings, max: number): number => {
    const value =
      ingest?.getOptionalNumber(key) ?? (DEFAULT_PUSH_SETTINGS[key] as number);
    if (!Number.isInteger(value) || value < 1 || value > max) {
      throw new Error(
        `aiCost.ingest.${key} must be a whole number between 1 and ${max}, got ${value}`,
      );
    }
    return value;
  };
  const sourceId =
    ingest?.getOptionalString('sourceId') ?? DEFAULT_PUSH_SETTINGS.sourceId;
  const parsed = pushSourceIdSchema.safeParse(sourceId);
  if (!parsed.success) {
    throw new Error(
      `aiCost.ingest.sourceId ${JSON.stringify(sourceId)} ${
        parsed.error.issues[0].message
      }`,
    );
  }
  const tagKeys = ingest?.getOptionalStringArray('tagKeys');
  return {
    sourceId,
    maxEventsPerBatch: positive('maxEventsPerBatch', 1_000_000),
    maxBatchBytes: positive('maxBatchBytes', 1024 * 1024 * 1024),
    maxImportBytes: positive('maxImportBytes', 4 * 1024 * 1024 * 1024),
    ...(tagKeys ? { tagKeys } : {}),
  };
}
