import { ExpenseColumns, ExpenseFileError, mapExpenseLine } from './expenseCsv';

const header = (...fields: string[]) =>
  ExpenseColumns.fromHeader({ line: 1, fields });

describe('expense CSV', () => {
  it('reads header names in any case and order', () => {
    const columns = header(
      ' Vendor',
      'AMOUNT',
      'Date',
      'currency',
      'Email',
      'Description',
      'costcenter',
    );
    const result = mapExpenseLine(
      {
        line: 2,
        fields: [
          'OPENAI *CHATGPT SUBSCR',
          '20.00',
          '2026-11-03',
          'usd',
          'Jane.Doe@Example.com',
          'ChatGPT Plus',
          'CC-100',
        ],
      },
      columns,
    );
    expect(result).toEqual({
      ok: true,
      line: {
        line: 2,
        date: '2026-11-03',
        vendorText: 'OPENAI *CHATGPT SUBSCR',
        userId: 'jane.doe@example.com',
        description: 'ChatGPT Plus',
        costCenter: 'CC-100',
        cost: 20_000_000,
        currency: 'USD',
      },
    });
  });

  it('names every missing column', () => {
    expect(() => header('date', 'amount')).toThrow(ExpenseFileError);
    expect(() => header('date', 'amount')).toThrow(
      /lacks the column\(s\) vendor, currency, email or userRef/,
    );
    expect(() => header('date', 'vendor', 'amount', 'currency')).toThrow(
      /lacks the column\(s\) email or userRef/,
    );
  });

  it('takes the userRef (kind and namespace optional), lower-cased', () => {
    const columns = header('date', 'vendor', 'amount', 'currency', 'userRef');
    const map = (ref: string) =>
      mapExpenseLine(
        { line: 3, fields: ['2026-11-03', 'Cursor', '-40', 'USD', ref] },
        columns,
      );
    expect(map('user:default/Jane.Doe')).toMatchObject({
      ok: true,
      line: { userId: 'user:default/jane.doe', cost: -40_000_000 },
    });
    expect(map('jane.doe')).toMatchObject({
      line: { userId: 'user:default/jane.doe' },
    });
    expect(map('group:default/team-a')).toEqual({
      ok: false,
      errors: ['line 3: userRef "group:default/team-a" is not a User entity'],
    });
  });

  it('reports each bad value by line and column', () => {
    const columns = header('date', 'vendor', 'amount', 'currency', 'email');
    expect(
      mapExpenseLine(
        { line: 7, fields: ['03/11/2026', '', '12,50', 'dollars', ''] },
        columns,
      ),
    ).toEqual({
      ok: false,
      errors: [
        'line 7: date "03/11/2026" is not a date (YYYY-MM-DD)',
        'line 7: vendor is empty',
        'line 7: amount "12,50" is not a decimal number (e.g. 20.00 or -20.00 for a refund)',
        'line 7: currency "dollars" is not an ISO 4217 code such as USD',
        'line 7: email and userRef are both empty; every line needs the employee',
      ],
    });
    expect(
      mapExpenseLine(
        { line: 8, fields: ['2026-02-30', 'x', '1', 'USD', 'not-an-address'] },
        columns,
      ),
    ).toEqual({
      ok: false,
      errors: [
        'line 8: date "2026-02-30" is not a date (YYYY-MM-DD)',
        'line 8: email "not-an-address" is not an e-mail address',
      ],
    });
  });
});
