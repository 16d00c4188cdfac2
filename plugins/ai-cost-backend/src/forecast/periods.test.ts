import { periodEndsOn, periodOf } from './periods';

describe('periodOf', () => {
  it('gives calendar months, leap February included', () => {
    expect(periodOf('2024-02-10', 'month')).toEqual({
      start: '2024-02-01',
      end: '2024-02-29',
    });
    expect(periodOf('2025-02-28', 'month')).toEqual({
      start: '2025-02-01',
      end: '2025-02-28',
    });
    expect(periodOf('2025-12-31', 'month')).toEqual({
      start: '2025-12-01',
      end: '2025-12-31',
    });
  });

  it('gives calendar quarters', () => {
    expect(periodOf('2024-02-10', 'quarter')).toEqual({
      start: '2024-01-01',
      end: '2024-03-31',
    });
    expect(periodOf('2025-04-01', 'quarter')).toEqual({
      start: '2025-04-01',
      end: '2025-06-30',
    });
    expect(periodOf('2025-09-30', 'quarter')).toEqual({
      start: '2025-07-01',
      end: '2025-09-30',
    });
    expect(periodOf('2025-11-15', 'quarter')).toEqual({
      start: '2025-10-01',
      end: '2025-12-31',
    });
  });
});

describe('periodEndsOn', () => {
  it('is the last day of the period', () => {
    expect(periodEndsOn('2025-11-03', 'quarter')).toBe('2025-12-31');
    expect(periodEndsOn('2025-11-03', 'month')).toBe('2025-11-30');
  });
});
