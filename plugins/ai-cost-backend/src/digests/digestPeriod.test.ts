import { isSendDay, lastCompletePeriod } from './digestPeriod';

describe('lastCompletePeriod', () => {
  it('is the Monday-to-Sunday week before the current one', () => {
    const expected = {
      unit: 'week',
      from: '2026-11-23',
      to: '2026-11-29',
      previous: { from: '2026-11-16', to: '2026-11-22' },
    };
    // Monday Nov 30 and Sunday Dec 6 are in the same week.
    expect(lastCompletePeriod('week', '2026-11-30')).toEqual(expected);
    expect(lastCompletePeriod('week', '2026-12-06')).toEqual(expected);
  });

  it('is the calendar month before the current one, across a year', () => {
    expect(lastCompletePeriod('month', '2026-12-01')).toEqual({
      unit: 'month',
      from: '2026-11-01',
      to: '2026-11-30',
      previous: { from: '2026-10-01', to: '2026-10-31' },
    });
    expect(lastCompletePeriod('month', '2027-01-15')).toEqual({
      unit: 'month',
      from: '2026-12-01',
      to: '2026-12-31',
      previous: { from: '2026-11-01', to: '2026-11-30' },
    });
    expect(lastCompletePeriod('month', '2027-03-01').previous).toEqual({
      from: '2027-01-01',
      to: '2027-01-31',
    });
  });
});

describe('isSendDay', () => {
  it('is Monday for weekly digests and the 1st for monthly ones', () => {
    expect(isSendDay('week', '2026-11-30')).toBe(true);
    expect(isSendDay('week', '2026-12-01')).toBe(false);
    expect(isSendDay('month', '2026-12-01')).toBe(true);
    expect(isSendDay('month', '2026-11-30')).toBe(false);
  });
});
