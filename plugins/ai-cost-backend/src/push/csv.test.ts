import { Readable } from 'node:stream';
import { CsvParser, CsvSyntaxError, csvRecords, type CsvRecord } from './csv';

function parseWhole(text: string): CsvRecord[] {
  const parser = new CsvParser();
  return [...parser.push(text), ...parser.end()];
}

/** Feeds one character at a time: every state must survive a chunk boundary. */
function parseByChar(text: string): CsvRecord[] {
  const parser = new CsvParser();
  const out: CsvRecord[] = [];
  for (const ch of text) out.push(...parser.push(ch));
  return [...out, ...parser.end()];
}

function syntaxError(text: string): CsvSyntaxError {
  try {
    parseWhole(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('CsvParser', () => {
  const text =
    '\uFEFFa,b,c\r\n1,"two, with comma","say ""hi"""\r\n\r\n3,"multi\nline",\n4,,"x"';

  it.each([
    ['whole', parseWhole],
    ['char by char', parseByChar],
  ])('parses RFC 4180 with line numbers (%s)', (_name, parse) => {
    expect(parse(text)).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', 'two, with comma', 'say "hi"'] },
      { line: 4, fields: ['3', 'multi\nline', ''] },
      { line: 6, fields: ['4', '', 'x'] },
    ]);
  });

  it('accepts bare CR line ends and a CRLF split across chunks', () => {
    const parser = new CsvParser();
    const records = [
      ...parser.push('a,b\r'),
      ...parser.push('\n1,2\r3,4'),
      ...parser.end(),
    ];
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: ['3', '4'] },
    ]);
  });

  it('keeps a quoted empty line as a record and skips blank lines', () => {
    expect(parseWhole('a\n\n""\n')).toEqual([
      { line: 1, fields: ['a'] },
      { line: 3, fields: [''] },
    ]);
  });

  it('names the line of a quote inside an unquoted field', () => {
    const error = syntaxError('a,b\n1,2\n3,4"5\n');
    expect(error.line).toBe(3);
    expect(error.message).toBe(
      'line 3: a quote inside an unquoted field (quote the field and double its quotes)',
    );
  });

  it('names the line of text after a closing quote', () => {
    expect(syntaxError('a\n"x"y\n').message).toBe(
      'line 2: unexpected text after the closing quote of a field',
    );
  });

  it('names the line where an unclosed quoted field starts', () => {
    expect(syntaxError('a,b\n1,"open\n\nstill open').message).toBe(
      'line 2: a quoted field is not closed before the end of the file',
    );
  });

  it('decodes UTF-8 split across buffers', async () => {
    const bytes = Buffer.from('name\nZürich €\n', 'utf8');
    const chunks = [...bytes].map(b => Buffer.from([b]));
    const records: CsvRecord[] = [];
    for await (const record of csvRecords(Readable.from(chunks))) {
      records.push(record);
    }
    expect(records).toEqual([
      { line: 1, fields: ['name'] },
      { line: 2, fields: ['Zürich €'] },
    ]);
  });
});
