import {
  addMonths,
  defaultMonth,
  monthLabel,
  monthOf,
  recentMonths,
} from './months';

describe('months', () => {
  const now = new Date('2026-01-31T23:30:00Z');

  it('counts months in UTC across years', () => {
    expect(monthOf(now)).toBe('2026-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(addMonths('2026-03', -14)).toBe('2025-01');
  });

  it('offers the current month and the twelve before it, newest first', () => {
    const months = recentMonths(now);
    expect(months).toHaveLength(13);
    expect(months[0]).toBe('2026-01');
    expect(months[1]).toBe('2025-12');
    expect(months[12]).toBe('2025-01');
  });

  it('defaults to the previous month', () => {
    expect(defaultMonth(now)).toBe('2025-12');
  });

  it('names months for people', () => {
    expect(monthLabel('2026-10')).toBe('October 2026');
  });
});
