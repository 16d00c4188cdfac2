import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { InputError } from '@backstage/errors';
import type { CsvRecord } from './csv';
import { PayloadTooLargeError } from './errors';
import { readCsvUpload } from './upload';

/** A request-like stream without Content-Length, written in chunks. */
function stream(chunks: Buffer[], headers: Record<string, string> = {}) {
  const body = Object.assign(new PassThrough(), { headers });
  (async () => {
    for (const chunk of chunks) {
      body.write(chunk);
      await new Promise(resolve => setImmediate(resolve));
    }
    body.end();
  })();
  return body;
}

async function readAll(records: AsyncIterable<CsvRecord>) {
  const out: CsvRecord[] = [];
  for await (const record of records) out.push(record);
  return out;
}

const CSV = 'a,b\n1,2\n3,4\n';

describe('readCsvUpload', () => {
  it('streams records and hashes the decompressed content', async () => {
    const gz = zlib.gzipSync(CSV);
    const upload = readCsvUpload(
      stream([gz.subarray(0, 5), gz.subarray(5)], {
        'content-encoding': 'gzip',
      }),
      { maxBytes: 1000, setting: 'x' },
    );
    expect(await readAll(upload.records)).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
    expect(upload.sha256()).toBe(
      createHash('sha256').update(CSV).digest('hex'),
    );
  });

  it('stops at the limit while streaming and drains the rest', async () => {
    const chunks = Array.from({ length: 20 }, () => Buffer.from('x,y\n'));
    const body = stream(chunks);
    const upload = readCsvUpload(body, {
      maxBytes: 30,
      setting: 'aiCost.push.maxImportBytes',
    });
    await expect(readAll(upload.records)).rejects.toThrow(
      new PayloadTooLargeError(
        'The file is larger than the 30 bytes limit (aiCost.push.maxImportBytes); split it, e.g. by billing period',
      ),
    );
    expect(body.readableEnded).toBe(true);
    expect(() => upload.sha256()).toThrow(
      'The upload has not been read to its end',
    );
  });

  it('drains the rest of the body when the reader stops early', async () => {
    const body = stream(Array.from({ length: 10 }, () => Buffer.from('x,y\n')));
    const upload = readCsvUpload(body, { maxBytes: 1000, setting: 's' });
    for await (const record of upload.records) {
      expect(record.line).toBe(1);
      break;
    }
    if (!body.readableEnded) {
      await new Promise(resolve => body.once('end', resolve));
    }
    expect(body.readableEnded).toBe(true);
  });

  it('refuses a declared Content-Length over the limit before reading', async () => {
    const upload = readCsvUpload(
      stream([Buffer.from(CSV)], { 'content-length': '5000' }),
      { maxBytes: 100, setting: 's' },
    );
    await expect(readAll(upload.records)).rejects.toBeInstanceOf(
      PayloadTooLargeError,
    );
  });

  it('answers 400 for corrupt gzip and unknown encodings', async () => {
    const corrupt = readCsvUpload(
      stream([Buffer.from('definitely not gzip')], {
        'content-encoding': 'gzip',
      }),
      { maxBytes: 100, setting: 's' },
    );
    await expect(readAll(corrupt.records)).rejects.toThrow(
      /^The body is not valid gzip data: /,
    );
    expect(() =>
      readCsvUpload(stream([], { 'content-encoding': 'br' }), {
        maxBytes: 100,
        setting: 's',
      }),
    ).toThrow(
      new InputError(
        'Content-Encoding "br" is not supported; send the file as is, gzip or deflate',
      ),
    );
  });
});
