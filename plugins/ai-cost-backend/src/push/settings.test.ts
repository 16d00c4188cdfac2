import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { DEFAULT_PUSH_SETTINGS, readPushSettings } from './settings';

describe('readPushSettings', () => {
  it('defaults to the gateway source, 10 000 events, 16 MiB batches and 50 MiB files', () => {
    expect(readPushSettings(new ConfigReader({}))).toEqual(
      DEFAULT_PUSH_SETTINGS,
    );
    expect(DEFAULT_PUSH_SETTINGS).toEqual({
      sourceId: 'gateway',
      maxEventsPerBatch: 10_000,
      maxBatchBytes: 16_777_216,
      maxImportBytes: 52_428_800,
    });
  });

  it('reads aiCost.push without a warning', () => {
    const logger = mockServices.logger.mock();
    expect(
      readPushSettings(
        new ConfigReader({
          aiCost: {
            push: {
              sourceId: 'litellm-prod',
              maxEventsPerBatch: 500,
              maxBatchBytes: 1024,
              maxImportBytes: 2048,
              tagKeys: ['team', 'service'],
            },
          },
        }),
        logger,
      ),
    ).toEqual({
      sourceId: 'litellm-prod',
      maxEventsPerBatch: 500,
      maxBatchBytes: 1024,
      maxImportBytes: 2048,
      tagKeys: ['team', 'service'],
    });
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('still reads the deprecated aiCost.ingest, with a warning naming aiCost.push', () => {
    const logger = mockServices.logger.mock();
    expect(
      readPushSettings(
        new ConfigReader({
          aiCost: { ingest: { sourceId: 'litellm-old', maxBatchBytes: 4096 } },
        }),
        logger,
      ),
    ).toEqual({
      ...DEFAULT_PUSH_SETTINGS,
      sourceId: 'litellm-old',
      maxBatchBytes: 4096,
    });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'aiCost.ingest is deprecated: rename it to aiCost.push (the push limits; aiCost.ingest is easily confused with aiCost.ingestion, the pull schedule)',
    );
  });

  it('prefers aiCost.push over the deprecated aiCost.ingest and warns that the old key is ignored', () => {
    const logger = mockServices.logger.mock();
    expect(
      readPushSettings(
        new ConfigReader({
          aiCost: {
            push: { sourceId: 'new-source' },
            ingest: { sourceId: 'old-source', maxEventsPerBatch: 5 },
          },
        }),
        logger,
      ),
    ).toEqual({ ...DEFAULT_PUSH_SETTINGS, sourceId: 'new-source' });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      'aiCost.ingest is deprecated and ignored because aiCost.push is set; remove aiCost.ingest',
    );
  });

  it('names the key of a bad value, old or new', () => {
    expect(() =>
      readPushSettings(
        new ConfigReader({ aiCost: { push: { maxEventsPerBatch: 0 } } }),
      ),
    ).toThrow(
      'aiCost.push.maxEventsPerBatch must be a whole number between 1 and 1000000, got 0',
    );
    expect(() =>
      readPushSettings(
        new ConfigReader({ aiCost: { push: { sourceId: 'a b' } } }),
      ),
    ).toThrow(
      'aiCost.push.sourceId "a b" must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
    expect(() =>
      readPushSettings(
        new ConfigReader({ aiCost: { ingest: { maxImportBytes: 1.5 } } }),
      ),
    ).toThrow(
      'aiCost.ingest.maxImportBytes must be a whole number between 1 and 4294967296, got 1.5',
    );
  });
});
