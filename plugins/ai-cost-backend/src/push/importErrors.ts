import { InputError } from '@backstage/errors';
import type { ImportLineMessage } from '@ai-cost/plugin-ai-cost-common';
import { CsvSyntaxError } from './csv';

/** Line problems named in an import error's message; `lines` lists more. */
const NAMED_IN_MESSAGE = 20;

/**
 * What a CSV import answers when reading its file failed: a syntax error is
 * a 400 naming its line, an error of one of `fileErrors` (a missing column,
 * a header the format does not know) a 400 with its message; anything else
 * is rethrown as it is.
 */
export function importReadError(
  error: unknown,
  fileErrors: Array<abstract new (...args: any[]) => Error> = [],
): unknown {
  if (fileErrors.some(type => error instanceof type)) {
    return new InputError((error as Error).message);
  }
  if (error instanceof CsvSyntaxError) {
    return Object.assign(
      new InputError(
        `The file is not valid CSV; nothing was imported: ${error.message}`,
      ),
      { lines: [{ line: error.line, message: error.message }] },
    );
  }
  return error;
}

/**
 * Refuses a whole file for its invalid values (`The FOCUS file has 3
 * invalid value(s); nothing was imported. line 3: ...`): the first 20 in the
 * message, the `lines` given in `error.lines`.
 */
export function invalidLinesError(
  file: string,
  count: number,
  lines: ImportLineMessage[],
): InputError {
  const more = count > lines.length ? `; and ${count - lines.length} more` : '';
  const named = lines
    .slice(0, NAMED_IN_MESSAGE)
    .map(e => e.message)
    .join('; ');
  return Object.assign(
    new InputError(
      `${file} has ${count} invalid value(s); nothing was imported. ${named}${
        count > NAMED_IN_MESSAGE ? ` (see error.lines${more})` : ''
      }`,
    ),
    { lines },
  );
}
