import { StringDecoder } from 'node:string_decoder';

/** One CSV record and the (1-based) line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** Malformed CSV; `line` is where the problem is. */
export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.name = 'CsvSyntaxError';
  }
}

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const BOM = 0xfeff;

/** Parser states. */
const State = {
  FieldStart: 0,
  Unquoted: 1,
  Quoted: 2,
  QuoteInQuoted: 3,
} as const;
type ParserState = (typeof State)[keyof typeof State];

/**
 * An incremental RFC 4180 parser: feed it text in chunks of any size and it
 * returns the records completed so far, each with the line it starts on
 * (quoted fields may span lines). Accepts LF, CRLF and CR line ends, skips
 * a leading byte order mark and empty lines, and rejects what RFC 4180
 * does not allow (a quote inside an unquoted field, text after a closing
 * quote, a quoted field left open) with the line of the problem.
 */
export class CsvParser {
  #state: ParserState = State.FieldStart;
  #field = '';
  #fields: string[] = [];
  #recordHadQuote = false;
  #line = 1;
  #recordLine = 1;
  #quoteLine = 1;
  #skipLf = false;
  #started = false;

  push(text: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    const n = text.length;
    let i = 0;
    if (!this.#started && n > 0) {
      this.#started = true;
      if (text.charCodeAt(0) === BOM) i = 1;
    }
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#skipLf) {
        this.#skipLf = false;
        if (c === LF) {
          i++;
          continue;
        }
      }
      switch (this.#state) {
        case State.FieldStart:
          if (c === QUOTE) {
            this.#state = State.Quoted;
            this.#recordHadQuote = true;
            this.#quoteLine = this.#line;
            i++;
          } else if (c === COMMA) {
            this.#endField();
            i++;
          } else if (c === LF || c === CR) {
            this.#endRecord(out, c);
            i++;
          } else {
            this.#state = State.Unquoted;
          }
          break;
        case State.Unquoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === COMMA || d === LF || d === CR || d === QUOTE) break;
            j++;
          }
          this.#field += text.slice(i, j);
          if (j === n) {
            i = n;
            break;
          }
          const d = text.charCodeAt(j);
          if (d === QUOTE) {
            throw new CsvSyntaxError(
              this.#line,
              'a quote inside an unquoted field (quote the field and double its quotes)',
            );
          }
          if (d === COMMA) this.#endField();
          else this.#endRecord(out, d);
          i = j + 1;
          break;
        }
        case State.Quoted: {
          let j = i;
          while (j < n) {
            const d = text.charCodeAt(j);
            if (d === QUOTE) break;
            if (d === LF) this.#line++;
            j++;
          }
          this.#field += text.slice(i, j);
          if (j < n) this.#state = State.QuoteInQuoted;
          i = j + 1;
          break;
        }
        default:
          if (c === QUOTE) {
            this.#field += '"';
            this.#state = State.Quoted;
          } else if (c === COMMA) {
            this.#endField();
          } else if (c === LF || c === CR) {
            this.#endRecord(out, c);
          } else {
            throw new CsvSyntaxError(
              this.#line,
              'unexpected text after the closing quote of a field',
            );
          }
          i++;
      }
    }
    return out;
  }

  /** Completes the input; returns the last record if it had no line end. */
  end(): CsvRecord[] {
    if (this.#state === State.Quoted) {
      throw new CsvSyntaxError(
        this.#quoteLine,
        'a quoted field is not closed before the end of the file',
      );
    }
    const out: CsvRecord[] = [];
    if (this.#fields.length > 0 || this.#field !== '' || this.#recordHadQuote) {
      this.#endRecord(out, LF);
    }
    return out;
  }

  #endField() {
    this.#fields.push(this.#field);
    this.#field = '';
    this.#state = State.FieldStart;
  }

  #endRecord(out: CsvRecord[], lineEnd: number) {
    this.#fields.push(this.#field);
    const blank =
      this.#fields.length === 1 &&
      this.#fields[0] === '' &&
      !this.#recordHadQuote;
    if (!blank) out.push({ line: this.#recordLine, fields: this.#fields });
    this.#fields = [];
    this.#field = '';
    this.#recordHadQuote = false;
    this.#state = State.FieldStart;
    this.#skipLf = lineEnd === CR;
    this.#line++;
    this.#recordLine = this.#line;
  }
}

/** Parses UTF-8 CSV from chunks (e.g. a request stream) record by record. */
export async function* csvRecords(
  chunks: AsyncIterable<Buffer | string>,
): AsyncGenerator<CsvRecord> {
  const parser = new CsvParser();
  const decoder = new StringDecoder('utf8');
  for await (const chunk of chunks) {
    yield* parser.push(
      typeof chunk === 'string' ? chunk : decoder.write(chunk),
    );
  }
  yield* parser.push(decoder.end());
  yield* parser.end();
}
