import zlib from 'node:zlib';
import { mockCredentials } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import request from 'supertest';
import { fuzzRuns, responseProblems, weirdString } from '../__testUtils__/fuzz';
import { createGovernedOrg, USERS } from '../__testUtils__/governedOrg';
import { writeReliabilityFigures } from '../__testUtils__/reliabilityReport';
import { createTestDatabases } from '../__testUtils__/testDatabases';
import { csvRecords, CsvSyntaxError, type CsvRecord } from '../push/csv';

jest.setTimeout(120_000);

type Org = Awaited<ReturnType<typeof createGovernedOrg>>;

const validDecimal = fc
  .integer({ min: -5_000_000, max: 50_000_000 })
  .map(n => (n / 1e6).toFixed(6));
const oddDecimal = fc.oneof(
  fc.constantFrom(
    '0',
    '-0',
    '12',
    '1e3',
    '1E-7',
    '.5',
    '5.',
    '0.0000001',
    '99999999999999999',
    '1,5',
    '$3',
    'abc',
    ' 2 ',
    '',
  ),
  weirdString,
);
const validInstant = fc
  .integer({ min: 0, max: 36 })
  .map(n =>
    new Date(Date.UTC(2026, 9, 15) + n * 86_400_000)
      .toISOString()
      .replace('.000Z', 'Z'),
  );
const oddInstant = fc.oneof(
  fc.constantFrom(
    '2026-11-01',
    '2026-11-01 00:00:00',
    '2026-11-01T00:00:00+02:00',
    '2026-13-01T00:00:00Z',
    '9999-12-31T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '',
  ),
  weirdString,
);

/** A column's valid values and other values (odd or hostile). */
interface ColumnValues {
  valid: fc.Arbitrary<string>;
  odd: fc.Arbitrary<string>;
}
const pick = (...values: string[]): ColumnValues => ({
  valid: fc.constantFrom(...values),
  odd: weirdString,
});

/** Every FOCUS column the importer reads. */
const COLUMNS: Record<string, ColumnValues> = {
  BillingAccountId: pick('999988887777', '', 'acct-1'),
  BillingCurrency: {
    valid: fc.constant('USD'),
    odd: fc.oneof(fc.constantFrom('EUR', 'usd', ''), weirdString),
  },
  BilledCost: { valid: validDecimal, odd: oddDecimal },
  EffectiveCost: {
    valid: fc.oneof(validDecimal, fc.constant('')),
    odd: oddDecimal,
  },
  ListCost: { valid: fc.oneof(validDecimal, fc.constant('')), odd: oddDecimal },
  ChargeCategory: pick('Usage', 'Credit', 'Tax', 'Adjustment', 'Purchase'),
  ChargeDescription: pick(
    'Claude 3.5 Sonnet input tokens',
    'output tokens',
    'Promotional credit, November',
    'cache read',
    '',
  ),
  ChargePeriodStart: { valid: validInstant, odd: oddInstant },
  ChargePeriodEnd: {
    valid: fc.oneof(validInstant, fc.constant('')),
    odd: oddInstant,
  },
  ConsumedQuantity: {
    valid: fc.oneof(fc.nat({ max: 1e9 }).map(String), fc.constant('')),
    odd: oddDecimal,
  },
  ConsumedUnit: pick(
    'Tokens',
    '1K Tokens',
    '1000 Tokens',
    '1M Tokens',
    'Requests',
    'Hours',
    'GB',
    '',
  ),
  ProviderName: pick(
    'AWS',
    'Amazon Web Services',
    'Microsoft',
    'Google Cloud',
    'OpenAI',
    'Anthropic',
    'Mistral',
    '',
  ),
  ServiceName: pick('Amazon Bedrock', 'Azure OpenAI', 'Vertex AI', ''),
  SubAccountId: pick('111122223333', 'proj-1', ''),
  ResourceId: pick(
    '/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a',
    '',
  ),
  RegionId: pick('us-east-1', 'westeurope', ''),
  Tags: {
    valid: fc.constantFrom('{"team":"search"}', '{}', ''),
    odd: fc.oneof(
      fc.constantFrom('[1]', 'not json', '{"a":{"b":1}}', '{"k":1}'),
      weirdString,
    ),
  },
  SkuMeter: pick('Input Tokens', 'Output Tokens', 'Cached Input', ''),
  SkuId: pick('sku-1', ''),
  x_Model: pick('claude-3-5-sonnet', 'gpt-4o', ''),
  x_TokenType: pick(
    'input',
    'output',
    'cache read',
    'cache write',
    'reasoning',
    '',
  ),
};
const MANDATORY = ['ChargePeriodStart', 'BilledCost', 'BillingCurrency'];
const UNKNOWN_COLUMN: ColumnValues = { valid: weirdString, odd: weirdString };

/** A CSV cell: quoted when it must be, sometimes when it need not, rarely broken. */
function cell(value: string, broken: boolean): fc.Arbitrary<string> {
  const quoted = `"${value.replace(/"/g, '""')}"`;
  const plain = /[",\r\n]/.test(value) ? quoted : value;
  if (!broken) return fc.constantFrom(plain, plain, plain, quoted);
  return fc.constantFrom(`"${value}`, `${value}"x`, `x"${value}`);
}

/**
 * A FOCUS file in one of three modes: valid (every value valid), mutated
 * (one value odd or hostile, or one cell badly quoted, or one row short or
 * long) and hostile (any value anywhere, a mandatory column may be missing).
 * The header has the mandatory columns plus some optional and unknown ones
 * in any order and case; any line ends, an optional byte order mark and
 * final line end.
 */
const focusFile: fc.Arbitrary<string> = fc
  .record({
    mode: fc.constantFrom(
      'valid',
      'valid',
      'valid',
      'mutated',
      'mutated',
      'hostile',
    ),
    optional: fc.subarray(
      Object.keys(COLUMNS).filter(c => !MANDATORY.includes(c)),
    ),
    drop: fc.option(fc.constantFrom(...MANDATORY), { freq: 4, nil: undefined }),
    unknown: fc.array(weirdString, { maxLength: 2 }),
    upper: fc.boolean(),
    rowCount: fc.nat({ max: 12 }),
  })
  .chain(({ mode, optional, drop, unknown, upper, rowCount }) => {
    const names = [
      ...MANDATORY.filter(c => mode !== 'hostile' || c !== drop),
      ...optional,
      ...unknown.filter(u => !Object.hasOwn(COLUMNS, u)),
    ];
    const valuesOf = (h: string) =>
      Object.hasOwn(COLUMNS, h) ? COLUMNS[h] : UNKNOWN_COLUMN;
    return fc
      .shuffledSubarray(names, {
        minLength: names.length,
        maxLength: names.length,
      })
      .chain(header => {
        const validRow = fc.tuple(
          ...header.map(h => valuesOf(h).valid.chain(v => cell(v, false))),
        );
        const anyRow = fc.tuple(
          ...header.map(h =>
            fc
              .oneof(valuesOf(h).valid, valuesOf(h).odd)
              .chain(v =>
                fc.oneof(
                  { weight: 20, arbitrary: cell(v, false) },
                  { weight: 1, arbitrary: cell(v, true) },
                ),
              ),
          ),
        );
        const mutation = fc.record({
          row: fc.nat(),
          column: fc.nat(),
          kind: fc.constantFrom(
            'odd',
            'odd',
            'odd',
            'broken-quote',
            'short',
            'long',
          ),
        });
        return fc.record({
          header: fc.constant(
            header.map(h =>
              upper && Object.hasOwn(COLUMNS, h) ? h.toUpperCase() : h,
            ),
          ),
          rows: fc.array(mode === 'hostile' ? anyRow : validRow, {
            minLength: rowCount,
            maxLength: rowCount,
          }),
          mutation: mode === 'mutated' ? mutation : fc.constant(undefined),
          oddValue: fc.oneof(...header.map(h => valuesOf(h).odd)),
          eol: fc.constantFrom('\n', '\r\n', '\r'),
          bom: fc.boolean(),
          final: fc.boolean(),
        });
      });
  })
  .map(({ header, rows, mutation, oddValue, eol, bom, final }) => {
    const body = rows.map(r => [...r]);
    if (mutation && body.length > 0) {
      const row = body[mutation.row % body.length];
      const column = mutation.column % row.length;
      if (mutation.kind === 'odd')
        row[column] = /[",\r\n]/.test(oddValue)
          ? `"${oddValue.replace(/"/g, '""')}"`
          : oddValue;
      if (mutation.kind === 'broken-quote') row[column] = `"${row[column]}`;
      if (mutation.kind === 'short') row.pop();
      if (mutation.kind === 'long') row.push('extra');
    }
    const lines = [
      header
        .map(h => (/[",\r\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h))
        .join(','),
      ...body.map(r => r.join(',')),
    ];
    return `${bom ? '\ufeff' : ''}${lines.join(eol)}${final ? eol : ''}`;
  });

/** Text of a file, sometimes cut short or with garbage appended. */
const upload = fc.oneof(
  { weight: 8, arbitrary: focusFile },
  {
    weight: 1,
    arbitrary: fc
      .tuple(focusFile, fc.nat())
      .map(([text, n]) => text.slice(0, n % (text.length + 1))),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(focusFile, weirdString)
      .map(([text, junk]) => `${text}${junk}`),
  },
);

const figures: Record<
  string,
  {
    files: number;
    statuses: Record<string, number>;
    imported: number;
    rows: number;
  }
> = {};
let csvParserCases = 0;
afterAll(() =>
  writeReliabilityFigures('focus-fuzz', {
    importer: figures,
    csvParserChunkings: csvParserCases,
  }),
);

async function parse(chunks: Buffer[]): Promise<CsvRecord[] | string> {
  const records: CsvRecord[] = [];
  try {
    for await (const record of csvRecords(
      (async function* chunked() {
        yield* chunks;
      })(),
    )) {
      records.push(record);
    }
    return records;
  } catch (error) {
    if (error instanceof CsvSyntaxError)
      return `syntax error: ${error.message}`;
    throw error;
  }
}

describe('FOCUS CSV importer fuzzing', () => {
  it('parses a file the same however the stream is cut, even inside a UTF-8 character', async () => {
    await fc.assert(
      fc.asyncProperty(
        upload,
        fc.array(fc.nat(), { maxLength: 6 }),
        async (text, cuts) => {
          const bytes = Buffer.from(text, 'utf8');
          const points = [
            ...new Set(cuts.map(c => c % (bytes.length + 1))),
          ].sort((a, b) => a - b);
          const chunks: Buffer[] = [];
          let at = 0;
          for (const point of points) {
            chunks.push(bytes.subarray(at, point));
            at = point;
          }
          chunks.push(bytes.subarray(at));
          expect(await parse(chunks)).toEqual(await parse([bytes]));
          csvParserCases += 1;
        },
      ),
      { numRuns: fuzzRuns(300) },
    );
  });

  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let org: Org;
    beforeAll(async () => {
      org = await createGovernedOrg(await databases.init(databaseId));
    });

    it('answers every file with 2xx/4xx and a message, imports atomically and reconciles to the micro-unit', async () => {
      const seen = {
        files: 0,
        statuses: {} as Record<string, number>,
        imported: 0,
        rows: 0,
      };
      let n = 0;
      await fc.assert(
        fc.asyncProperty(
          upload,
          fc.boolean(),
          fc.boolean(),
          async (text, gzip, replace) => {
            n += 1;
            const fileId = `fuzz-${n}`;
            const req = request(org.app as any)
              .post(
                // Every row, AI or not: this is about reading any file.
                `/import/focus?include=all&fileId=${fileId}${
                  replace ? '&replace=true' : ''
                }`,
              )
              .set('Authorization', mockCredentials.user.header(USERS.admin))
              .set('Content-Type', 'text/csv');
            const res = gzip
              ? await req
                  .set('Content-Encoding', 'gzip')
                  .send(zlib.gzipSync(text))
              : await req.send(text);
            seen.files += 1;
            seen.statuses[res.status] = (seen.statuses[res.status] ?? 0) + 1;
            const problems = responseProblems(res);
            if (problems.length > 0) {
              throw new Error(
                `${problems.join(', ')}: ${res.status} ${res.text.slice(
                  0,
                  500,
                )}`,
              );
            }
            const db = org.knex;
            const stored = async (id: string) => {
              const [row] = await db('ai_cost_focus_rows')
                .where({ source_id: 'focus', file_id: id })
                .sum({ cost: 'billed_cost_micros' })
                .count({ rows: '*' });
              return { cost: Number(row.cost ?? 0), rows: Number(row.rows) };
            };
            // A 200's totals are what is stored for the file (for a
            // duplicate, under the file id it was first imported as); a
            // refused file stored nothing at all (atomic).
            const imported = res.status === 200;
            expect(await stored(imported ? res.body.fileId : fileId)).toEqual(
              imported
                ? {
                    cost: Math.round(res.body.totals.billedCost * 1e6),
                    rows: res.body.rows,
                  }
                : { cost: 0, rows: 0 },
            );
            if (imported && res.body.status !== 'duplicate') {
              seen.imported += 1;
              seen.rows += res.body.rows;
            }
            // The focus source's usage is exactly its imported rows.
            const [usage] = await db('ai_cost_usage')
              .where({ source_id: 'focus' })
              .sum({ cost: 'cost_micros' });
            const [rows] = await db('ai_cost_focus_rows')
              .where({ source_id: 'focus' })
              .sum({ cost: 'billed_cost_micros' });
            expect(Number(usage.cost ?? 0)).toBe(Number(rows.cost ?? 0));
          },
        ),
        {
          numRuns: fuzzRuns(
            String(databaseId).startsWith('POSTGRES') ? 100 : 200,
          ),
        },
      );
      figures[String(databaseId)] = seen;
    });
  });
});
