import type { Response } from 'express';

/**
 * Writes text chunks to the response as they come, waiting for the client
 * to drain when its buffer is full, then ends it; stops when the client
 * goes away. A failure after the first chunk can only cut the response
 * short: the error handler closes it.
 */
export async function streamTo(
  res: Response,
  chunks: AsyncIterable<string>,
): Promise<void> {
  for await (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) await drainedOrClosed(res);
  }
  res.end();
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise(resolve => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
