import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import {
  backtestStart,
  horizonBand,
  MIN_MONTH_ERROR,
  monthError,
  YOUNG_MONTH_ERROR,
} from './horizonBand';

const USD = 1_000_000;

describe('monthError', () => {
  it('is the 80th percentile of the replayed month-end errors', () => {
    // $10 on weekdays; weekends $10 in even months, $30 in odd ones: the
    // forecasts made on days 7, 14 and 21 miss each month's weekends.
    const series = eachDay('2026-03-01', '2026-09-30').map(date => {
      const weekend = [0, 6].includes(new Date(date).getUTCDay());
      const odd = Number(date.slice(5, 7)) % 2 === 1;
      return { date, cost: (weekend && odd ? 30 : 10) * USD };
    });
    const error = monthError(series, '2026-09-30');
    expect(error).toBeGreaterThan(0.1);
    expect(error).toBeLessThan(0.6);
  });

  it('is at least 5%, and 25% before a complete month', () => {
    const flat = eachDay('2026-03-01', '2026-09-30').map(date => ({
      date,
      cost: 10 * USD,
    }));
    expect(monthError(flat, '2026-09-30')).toBe(MIN_MONTH_ERROR);
    expect(monthError(flat.slice(0, 20), '2026-03-20')).toBe(YOUNG_MONTH_ERROR);
  });

  it('reads the six months before the current one', () => {
    expect(backtestStart('2026-12-03')).toBe('2026-06-01');
    expect(backtestStart('2026-03-31')).toBe('2025-09-01');
  });
});

describe('horizonBand', () => {
  const forecast = { median: 1000 * USD, low: 990 * USD, high: 1010 * USD };

  it('grows with the square root of the months up to the month', () => {
    // 8% one-month error: the next month (√2) ±11.31%, a year on (√13) ±28.84%.
    expect(horizonBand(forecast, { error: 0.08, monthsAfter: 1 })).toEqual({
      low: 886_862_915,
      high: 1_113_137_085,
    });
    expect(horizonBand(forecast, { error: 0.08, monthsAfter: 12 })).toEqual({
      low: 711_555_898,
      high: 1_288_444_102,
    });
  });

  it('keeps a wider own band and never goes below zero', () => {
    const wide = { median: 1000 * USD, low: 100 * USD, high: 3000 * USD };
    expect(horizonBand(wide, { error: 0.05, monthsAfter: 1 })).toEqual({
      low: 100 * USD,
      high: 3000 * USD,
    });
    expect(horizonBand(forecast, { error: 0.5, monthsAfter: 3 })).toEqual({
      low: 0,
      high: 2000 * USD,
    });
  });
});
