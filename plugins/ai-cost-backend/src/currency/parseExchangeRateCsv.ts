import { InputError } from '@backstage/errors';
import type { CsvRecord } from '../push/csv';
import { importReadError, invalidLinesError } from '../push/importErrors';
import { currencyProblem, periodProblem } from './ExchangeRates';

/** A rate read from an imported file. */
export interface ParsedRate {
  currency: string;
  /** `YYYY-MM-DD` or `YYYY-MM`. */
  period: string;
  rate: number;
  line: number;
}

const COLUMNS = ['date', 'currency', 'rate'] as const;
const DECIMAL = /^\d+(\.\d+)?$/;
/** Problems kept in `error.lines` (the count names them all). */
const MAX_LINES = 100;

/**
 * Reads `date,currency,rate` CSV (DESIGN §9.3): `date` a day `YYYY-MM-DD`
 * or a month `YYYY-MM`, `currency` an ISO 4217 code other than the
 * reporting currency, `rate` a positive decimal (units of the reporting
 * currency per one unit of `currency`). Columns may come in any order. Any
 * bad line refuses the whole file: the error names every problem by line
 * (`error.lines`), so nothing is half-imported.
 */
export async function parseExchangeRateCsv(
  records: AsyncIterable<CsvRecord>,
  reportingCurrency: string,
): Promise<ParsedRate[]> {
  const rates: ParsedRate[] = [];
  const problems: Array<{ line: number; message: string }> = [];
  const seen = new Map<string, number>();
  let columns: Record<(typeof COLUMNS)[number], number> | undefined;
  try {
    for await (const record of records) {
      const at = (message: string) =>
        problems.push({
          line: record.line,
          message: `line ${record.line}: ${message}`,
        });
      if (!columns) {
        columns = headerColumns(record);
        continue;
      }
      if (record.fields.length !== COLUMNS.length) {
        at(
          `has ${record.fields.length} field(s); expected ${COLUMNS.length} (date,currency,rate)`,
        );
        continue;
      }
      const period = record.fields[columns.date].trim();
      const currency = record.fields[columns.currency].trim().toUpperCase();
      const rateText = record.fields[columns.rate].trim();
      const lineProblems: string[] = [];
      const periodIssue = periodProblem(period);
      if (periodIssue) lineProblems.push(`date ${periodIssue}`);
      const currencyIssue = currencyProblem(currency);
      if (currencyIssue) lineProblems.push(`currency ${currencyIssue}`);
      else if (currency === reportingCurrency) {
        lineProblems.push(
          `currency ${currency} is the reporting currency (aiCost.currency); it needs no rate`,
        );
      }
      const rate = Number(rateText);
      if (!DECIMAL.test(rateText) || !(rate > 0) || !Number.isFinite(rate)) {
        lineProblems.push(
          `rate ${JSON.stringify(rateText)} is not a positive decimal number`,
        );
      }
      if (lineProblems.length) {
        lineProblems.forEach(at);
        continue;
      }
      const key = `${currency} ${period}`;
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        at(`${key} is already on line ${earlier}`);
        continue;
      }
      seen.set(key, record.line);
      rates.push({ currency, period, rate, line: record.line });
    }
  } catch (error) {
    throw importReadError(error);
  }
  if (!columns) {
    throw new InputError(
      'The file is empty; expected the header date,currency,rate and rows',
    );
  }
  if (problems.length) {
    throw invalidLinesError(
      'The exchange rate file',
      problems.length,
      problems.slice(0, MAX_LINES),
    );
  }
  if (rates.length === 0) {
    throw new InputError('The file has a header but no rates');
  }
  return rates;
}

/** The index of each column; a missing or unknown column refuses the file. */
function headerColumns(
  record: CsvRecord,
): Record<(typeof COLUMNS)[number], number> {
  const names = record.fields.map(field => field.trim().toLowerCase());
  const unknown = names.filter(
    name => !(COLUMNS as readonly string[]).includes(name),
  );
  const missing = COLUMNS.filter(column => !names.includes(column));
  const duplicate = names.filter((name, i) => names.indexOf(name) !== i);
  if (unknown.length || missing.length || duplicate.length) {
    const problems = [
      ...(missing.length ? [`missing ${missing.join(', ')}`] : []),
      ...(unknown.length
        ? [`unknown ${unknown.map(n => JSON.stringify(n)).join(', ')}`]
        : []),
      ...(duplicate.length ? [`repeated ${duplicate.join(', ')}`] : []),
    ];
    throw Object.assign(
      new InputError(
        `line ${
          record.line
        }: the header must be date,currency,rate (any order): ${problems.join(
          '; ',
        )}`,
      ),
      { lines: [{ line: record.line, message: problems.join('; ') }] },
    );
  }
  return {
    date: names.indexOf('date'),
    currency: names.indexOf('currency'),
    rate: names.indexOf('rate'),
  };
}
