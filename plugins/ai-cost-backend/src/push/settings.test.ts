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

  it('reads aiCost.ingest', () => {
    expect(
      readPushSettings(
        new ConfigReader({
          aiCost: {
            ingest: {
              sourceId: 'litellm-prod',
              maxEventsPerBatch: 500,
              maxBatchBytes: 1024,
              maxImportBytes: 2048,
              tagKeys: ['team', 'service'],
            },
          },
        }),
      ),
    ).toEqual({
      sourceId: 'litellm-prod',
      maxEventsPerBatch: 500,
      maxBatchBytes: 1024,
      maxImportBytes: 2048,
      tagKeys: ['team', 'service'],
    });
  });

  it('names the key of a bad value', () => {
    expect(() =>
      readPushSettings(
        new ConfigReader({ aiCost: { ingest: { maxEventsPerBatch: 0 } } }),
      ),
    ).toThrow(
      'aiCost.ingest.maxEventsPerBatch must be a whole number between 1 and 1000000, got 0',
    );
    expect(() =>
      readPushSettings(
        new ConfigReader({ aiCost: { ingest: { sourceId: 'a b' } } }),
      ),
    ).toThrow(
      'aiCost.ingest.sourceId "a b" must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit',
    );
  });
});
