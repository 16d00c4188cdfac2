import { monthSegments } from './monthSegments';

describe('monthSegments', () => {
  it('cuts a window at month ends, leap days and year ends included', () => {
    expect(monthSegments({ from: '2027-12-15', to: '2028-03-02' })).toEqual([
      { month: '2027-12', from: '2027-12-15', to: '2027-12-31' },
      { month: '2028-01', from: '2028-01-01', to: '2028-01-31' },
      { month: '2028-02', from: '2028-02-01', to: '2028-02-29' },
      { month: '2028-03', from: '2028-03-01', to: '2028-03-02' },
    ]);
  });

  it('keeps a window within one month whole, a single day too', () => {
    expect(monthSegments({ from: '2026-11-03', to: '2026-11-30' })).toEqual([
      { month: '2026-11', from: '2026-11-03', to: '2026-11-30' },
    ]);
    expect(monthSegments({ from: '2026-02-28', to: '2026-02-28' })).toEqual([
      { month: '2026-02', from: '2026-02-28', to: '2026-02-28' },
    ]);
    expect(monthSegments({ from: '2026-03-01', to: '2026-02-28' })).toEqual([]);
  });
});
