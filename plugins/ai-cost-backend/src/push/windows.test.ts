import { daysInWindows, daysToWindows } from './windows';
import { parseTimestamp } from './timestamps';

describe('daysToWindows', () => {
  it('covers sparse days with windows of at most maxDays', () => {
    expect(
      daysToWindows(
        ['2026-11-03', '2026-11-01', '2026-11-03', '2026-12-15', '2026-11-10'],
        7,
      ),
    ).toEqual([
      { from: '2026-11-01', to: '2026-11-03' },
      { from: '2026-11-10', to: '2026-11-10' },
      { from: '2026-12-15', to: '2026-12-15' },
    ]);
    expect(daysToWindows([])).toEqual([]);
    expect(daysToWindows(['2026-01-01', '2026-01-31', '2026-02-01'])).toEqual([
      { from: '2026-01-01', to: '2026-01-31' },
      { from: '2026-02-01', to: '2026-02-01' },
    ]);
  });
});

describe('daysInWindows', () => {
  it('gives each window the days it covers, sorted and once each', () => {
    expect(
      daysInWindows(
        ['2026-11-03', '2026-11-01', '2026-11-03', '2026-12-15', '2026-11-10'],
        7,
      ),
    ).toEqual([
      {
        from: '2026-11-01',
        to: '2026-11-03',
        days: ['2026-11-01', '2026-11-03'],
      },
      { from: '2026-11-10', to: '2026-11-10', days: ['2026-11-10'] },
      { from: '2026-12-15', to: '2026-12-15', days: ['2026-12-15'] },
    ]);
    expect(daysInWindows([])).toEqual([]);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T10:00:00Z', '2026-11-01T10:00:00.000Z'],
    ['2026-11-01T23:30:00-02:00', '2026-11-02T01:30:00.000Z'],
    ['2026-11-01T00:30:00+0100', '2026-10-31T23:30:00.000Z'],
    ['2026-11-01 10:00:00.1234567', '2026-11-01T10:00:00.123Z'],
    ['2026-11-01T10:00', '2026-11-01T10:00:00.000Z'],
  ])('reads %s', (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  it('reads epoch milliseconds', () => {
    expect(parseTimestamp(Date.UTC(2026, 10, 1, 5))?.toISOString()).toBe(
      '2026-11-01T05:00:00.000Z',
    );
  });

  it.each([
    '2026-02-30',
    '2026-11-01T25:00:00Z',
    'yesterday',
    '1730419200',
    '',
  ])('rejects %p', text => {
    expect(parseTimestamp(text)).toBeUndefined();
  });

  it('rejects epoch seconds and non-finite numbers', () => {
    expect(parseTimestamp(1_730_419_200)).toBeUndefined();
    expect(parseTimestamp(Number.NaN)).toBeUndefined();
  });
});
