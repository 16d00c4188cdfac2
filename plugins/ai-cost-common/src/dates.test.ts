import { addDays, daysInclusive, eachDay, isIsoDay } from './dates';

describe('days', () => {
  it('lists every day of a window, both ends included, across a leap day', () => {
    expect(eachDay('2028-02-27', '2028-03-01')).toEqual([
      '2028-02-27',
      '2028-02-28',
      '2028-02-29',
      '2028-03-01',
    ]);
    expect(eachDay('2026-03-02', '2026-03-01')).toEqual([]);
    expect(daysInclusive('2026-01-01', '2026-12-31')).toBe(365);
  });

  it('ends at the last day of year 9999 instead of looping on the expanded years after it', () => {
    // Past 9999-12-31 ISO writes `+010000-01`, which sorts before `9999`:
    // no such "day" is ever returned.
    expect(() => addDays('9999-12-31', 1)).toThrow(
      '+010000-01-01T00:00:00.000Z is past 9999-12-31',
    );
    expect(eachDay('9999-12-30', '9999-12-31')).toEqual([
      '9999-12-30',
      '9999-12-31',
    ]);
  });

  it('refuses a range that is not made of days', () => {
    expect(() => eachDay('2026-01-01', 'soon')).toThrow(
      'Not a range of days: 2026-01-01 to soon',
    );
    expect(isIsoDay('2026-02-29')).toBe(false);
    expect(isIsoDay('2028-02-29')).toBe(true);
  });
});
