import type { CsvRecord } from '../push/csv';
import { parseExchangeRateCsv } from './parseExchangeRateCsv';

async function* recordsOf(text: string): AsyncIterable<CsvRecord> {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] === '') continue;
    yield { line: i + 1, fields: lines[i].split(',') };
  }
}

describe('parseExchangeRateCsv', () => {
  it('reads days and months in any column order', async () => {
    await expect(
      parseExchangeRateCsv(
        recordsOf(
          'currency,date,rate\neur,2026-11,1.08\nJPY,2026-11-14,0.0065\n',
        ),
        'USD',
      ),
    ).resolves.toEqual([
      { currency: 'EUR', period: '2026-11', rate: 1.08, line: 2 },
      { currency: 'JPY', period: '2026-11-14', rate: 0.0065, line: 3 },
    ]);
  });

  it('refuses the whole file naming every bad line and its problem', async () => {
    const error = await parseExchangeRateCsv(
      recordsOf(
        [
          'date,currency,rate',
          '2026-11-01,EUR,1.08',
          '2026-11-31,EUR,1.08',
          '2026-11-02,EURO,1.08',
          '2026-11-03,EUR,-1',
          '2026-11-04,USD,1',
          '2026-11-01,EUR,1.09',
          '2026-11-05,EUR',
        ].join('\n'),
      ),
      'USD',
    ).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /^The exchange rate file has 6 invalid value\(s\); nothing was imported\. line 3: date "2026-11-31" is not a day/,
    );
    expect(error.lines.map((l: { line: number }) => l.line)).toEqual([
      3, 4, 5, 6, 7, 8,
    ]);
    expect(error.lines[2].message).toBe(
      'line 5: rate "-1" is not a positive decimal number',
    );
    expect(error.lines[3].message).toBe(
      'line 6: currency USD is the reporting currency (aiCost.currency); it needs no rate',
    );
    expect(error.lines[4].message).toBe(
      'line 7: EUR 2026-11-01 is already on line 2',
    );
    expect(error.lines[5].message).toBe(
      'line 8: has 2 field(s); expected 3 (date,currency,rate)',
    );
  });

  it('refuses a wrong header and an empty file', async () => {
    await expect(
      parseExchangeRateCsv(
        recordsOf('day,currency,rate\n2026-11,EUR,1\n'),
        'USD',
      ),
    ).rejects.toThrow(
      'line 1: the header must be date,currency,rate (any order): missing date; unknown "day"',
    );
    await expect(parseExchangeRateCsv(recordsOf(''), 'USD')).rejects.toThrow(
      /The file is empty/,
    );
    await expect(
      parseExchangeRateCsv(recordsOf('date,currency,rate\n'), 'USD'),
    ).rejects.toThrow(/no rates/);
  });
});
