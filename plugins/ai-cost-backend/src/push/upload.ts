import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { InputError } from '@backstage/errors';
import { csvRecords, type CsvRecord } from './csv';
import { formatBytes, PayloadTooLargeError } from './errors';

/** A CSV upload read as a stream: records as they arrive, and its digest. */
export interface CsvUpload {
  /** Parsed records; reading them reads the body. */
  records: AsyncIterable<CsvRecord>;
  /** sha256 (hex) of the decompressed content; available once every record was read. */
  sha256(): string;
}

/** Waits until the rest of a request body has been read and discarded. */
function drain(stream: Readable): Promise<void> {
  if (stream.readableEnded || stream.destroyed) return Promise.resolve();
  return new Promise(resolve => {
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
    stream.resume();
  });
}

/**
 * Reads a CSV request body as a stream, without buffering it: decompresses
 * `Content-Encoding: gzip` or `deflate`, hashes the content, and answers
 * 413 once it exceeds `maxBytes` (decompressed; a declared Content-Length
 * over the limit is refused before reading). The rest of an unread body is
 * drained rather than the connection reset, so the client gets the answer.
 */
export function readCsvUpload(
  request: Readable & { headers: IncomingHttpHeaders },
  options: { maxBytes: number; setting: string },
): CsvUpload {
  const { maxBytes } = options;
  const tooLarge = () =>
    new PayloadTooLargeError(
      `The file is larger than the ${formatBytes(maxBytes)} limit (${
        options.setting
      }); split it, e.g. by billing period`,
    );
  const encoding = String(
    request.headers['content-encoding'] ?? 'identity',
  ).toLowerCase();
  let decompressor: zlib.Gunzip | zlib.Inflate | undefined;
  if (encoding === 'gzip' || encoding === 'x-gzip') {
    decompressor = request.pipe(zlib.createGunzip());
  } else if (encoding === 'deflate') {
    decompressor = request.pipe(zlib.createInflate());
  } else if (encoding !== 'identity') {
    throw new InputError(
      `Content-Encoding "${encoding}" is not supported; send the file as is, gzip or deflate`,
    );
  }
  const source: Readable = decompressor ?? request;
  const declared = Number(request.headers['content-length']);
  const hash = createHash('sha256');
  let digest: string | undefined;

  async function release() {
    if (decompressor) {
      request.unpipe(decompressor);
      decompressor.destroy();
    }
    await drain(request);
  }

  async function* chunks(): AsyncGenerator<Buffer> {
    if (Number.isFinite(declared) && declared > maxBytes) {
      await release();
      throw tooLarge();
    }
    let bytes = 0;
    let complete = false;
    let overLimit = false;
    try {
      for await (const chunk of source.iterator({ destroyOnReturn: false })) {
        const buffer = chunk as Buffer;
        bytes += buffer.length;
        if (bytes > maxBytes) {
          // Leave the loop first: a stream being iterated ignores resume().
          overLimit = true;
          break;
        }
        hash.update(buffer);
        yield buffer;
      }
      if (overLimit) {
        await release();
        throw tooLarge();
      }
      complete = true;
      digest = hash.digest('hex');
    } catch (error) {
      if (decompressor && (error as { code?: string }).code?.startsWith('Z_')) {
        throw new InputError(
          `The body is not valid ${encoding} data: ${(error as Error).message}`,
        );
      }
      throw error;
    } finally {
      // The reader stopped early (an invalid header, a syntax error): discard
      // the rest of the body instead of resetting the connection.
      if (!complete) release().catch(() => {});
    }
  }

  return {
    records: csvRecords(chunks()),
    sha256() {
      if (digest === undefined) {
        throw new Error('The upload has not been read to its end');
      }
      return digest;
    },
  };
}
