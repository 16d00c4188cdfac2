import { parseEntityRef } from '@backstage/catalog-model';
import {
  FIRST_SUPPORTED_DAY,
  LAST_SUPPORTED_DAY,
  isIsoDay,
  microsFromDecimalString,
} from '@ai-cost/plugin-ai-cost-common';
import type { CsvRecord } from '../push/csv';

/**
 * Corporate-card and expense exports (`POST /import/expenses`, DESIGN §9.3):
 * the header, and each line validated and mapped. Pure: no I/O.
 */

/** Columns every expense file has. */
export const REQUIRED_EXPENSE_COLUMNS = [
  'date',
  'vendor',
  'amount',
  'currency',
] as const;

/** Who spent: at least one of these columns. */
export const EMPLOYEE_COLUMNS = ['email', 'userRef'] as const;

/** Descriptions are kept up to this many characters (the usage line item). */
export const MAX_DESCRIPTION = 255;

/** A header problem: the file is refused as a whole. */
export class ExpenseFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExpenseFileError';
  }
}

/** One valid expense line; money in micro-units of its currency. */
export interface ExpenseLine {
  line: number;
  date: string;
  /** The vendor text as on the statement. */
  vendorText: string;
  /** `user:<ns>/<name>` or an e-mail address, lower-case. */
  userId: string;
  description: string | null;
  costCenter: string | null;
  /** Negative for a refund. */
  cost: number;
  /** ISO 4217, upper case. */
  currency: string;
}

/** The header of an expense file: column positions by lower-case name. */
export class ExpenseColumns {
  /**
   * Reads the header line; throws {@link ExpenseFileError} naming every
   * missing column. Names compare case-insensitively and trimmed.
   */
  static fromHeader(header: CsvRecord): ExpenseColumns {
    const columns = new ExpenseColumns(header.fields);
    const missing: string[] = REQUIRED_EXPENSE_COLUMNS.filter(
      c => !columns.has(c),
    );
    if (!EMPLOYEE_COLUMNS.some(c => columns.has(c))) {
      missing.push(EMPLOYEE_COLUMNS.join(' or '));
    }
    if (missing.length > 0) {
      throw new ExpenseFileError(
        `line ${header.line}: the header lacks the column(s) ${missing.join(
          ', ',
        )}; expected date, vendor, amount, currency, email or userRef, and optionally description, costCenter; found ${header.fields
          .map(f => JSON.stringify(f))
          .join(', ')}`,
      );
    }
    return columns;
  }

  readonly #index = new Map<string, number>();

  private constructor(readonly names: string[]) {
    names.forEach((name, i) => {
      const key = name.trim().toLowerCase();
      if (!this.#index.has(key)) this.#index.set(key, i);
    });
  }

  has(name: string): boolean {
    return this.#index.has(name.toLowerCase());
  }

  /** The trimmed value of a column; null when the column is absent or the cell empty. */
  get(fields: string[], name: string): string | null {
    const i = this.#index.get(name.toLowerCase());
    if (i === undefined) return null;
    const value = fields[i]?.trim();
    return value ? value : null;
  }
}

const CURRENCY = /^[A-Za-z]{3}$/;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** A `YYYY-MM-DD` day, or the day of a date-time written `YYYY-MM-DDT...`. */
function dayOf(text: string): string | undefined {
  const day = /^\d{4}-\d{2}-\d{2}(?=$|[T ])/.exec(text)?.[0];
  return day && isIsoDay(day) ? day : undefined;
}

/**
 * Validates and maps one line. Every error names the line and the column.
 * The employee is the `userRef` (a User entity ref, `user:default/` assumed
 * when the kind or namespace is left out) when the line has one, else the
 * e-mail address; both lower-cased, as catalog refs and addresses compare.
 */
export function mapExpenseLine(
  record: CsvRecord,
  columns: ExpenseColumns,
): { ok: true; line: ExpenseLine } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const at = `line ${record.line}`;
  const get = (name: string) => columns.get(record.fields, name);
  const fail = (column: string, message: string) =>
    errors.push(`${at}: ${column} ${message}`);

  const dateText = get('date');
  const date = dateText === null ? undefined : dayOf(dateText);
  if (dateText === null) fail('date', 'is empty');
  else if (!date) {
    fail('date', `${JSON.stringify(dateText)} is not a date (YYYY-MM-DD)`);
  } else if (date < FIRST_SUPPORTED_DAY || date > LAST_SUPPORTED_DAY) {
    fail(
      'date',
      `${date} is outside ${FIRST_SUPPORTED_DAY} to ${LAST_SUPPORTED_DAY}`,
    );
  }

  const vendorText = get('vendor');
  if (vendorText === null) fail('vendor', 'is empty');

  const amountText = get('amount');
  let cost: number | undefined;
  if (amountText === null) fail('amount', 'is empty');
  else if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(amountText)) {
    fail(
      'amount',
      `${JSON.stringify(
        amountText,
      )} is not a decimal number (e.g. 20.00 or -20.00 for a refund)`,
    );
  } else {
    try {
      cost = microsFromDecimalString(amountText);
    } catch (error) {
      fail('amount', (error as Error).message);
    }
  }

  const currencyText = get('currency');
  if (currencyText === null) fail('currency', 'is empty');
  else if (!CURRENCY.test(currencyText)) {
    fail(
      'currency',
      `${JSON.stringify(currencyText)} is not an ISO 4217 code such as USD`,
    );
  }

  const userRefText = get('userRef');
  const emailText = get('email');
  let userId: string | undefined;
  if (userRefText !== null) {
    try {
      const ref = parseEntityRef(userRefText, {
        defaultKind: 'user',
        defaultNamespace: 'default',
      });
      if (ref.kind.toLowerCase() !== 'user') {
        fail('userRef', `${JSON.stringify(userRefText)} is not a User entity`);
      } else {
        userId = `user:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
      }
    } catch {
      fail(
        'userRef',
        `${JSON.stringify(
          userRefText,
        )} is not an entity ref such as user:default/jane.doe`,
      );
    }
  } else if (emailText !== null) {
    if (EMAIL.test(emailText)) {
      userId = emailText.toLocaleLowerCase('en-US');
    } else {
      fail('email', `${JSON.stringify(emailText)} is not an e-mail address`);
    }
  } else {
    errors.push(
      `${at}: email and userRef are both empty; every line needs the employee`,
    );
  }

  if (
    errors.length > 0 ||
    !date ||
    vendorText === null ||
    cost === undefined ||
    currencyText === null ||
    userId === undefined
  ) {
    return { ok: false, errors };
  }
  const description = get('description');
  return {
    ok: true,
    line: {
      line: record.line,
      date,
      vendorText,
      userId,
      description: description ? description.slice(0, MAX_DESCRIPTION) : null,
      costCenter: get('costCenter')?.slice(0, 64) ?? null,
      cost,
      currency: currencyText.toUpperCase(),
    },
  };
}
