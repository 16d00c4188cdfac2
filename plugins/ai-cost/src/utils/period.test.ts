import {
  periodFromSearchParams,
  presetWindow,
  previousWindow,
  validateWindow,
} from './period';

const today = '2026-11-22';

describe('presetWindow', () => {
  it.each([
    ['7d', '2026-11-16', '2026-11-22'],
    ['30d', '2026-10-24', '2026-11-22'],
    ['90d', '2026-08-25', '2026-11-22'],
    ['this-month', '2026-11-01', '2026-11-22'],
    ['last-month', '2026-10-01', '2026-10-31'],
  ] as const)('%s is %s to %s', (preset, from, to) => {
    expect(presetWindow(preset, today)).toEqual({ from, to });
  });

  it('handles January and leap years for last month', () => {
    expect(presetWindow('last-month', '2026-01-15')).toEqual({
      from: '2025-12-01',
      to: '2025-12-31',
    });
    expect(presetWindow('last-month', '2028-03-01')).toEqual({
      from: '2028-02-01',
      to: '2028-02-29',
    });
  });
});

describe('periodFromSearchParams', () => {
  it('defaults to the last 30 days', () => {
    expect(periodFromSearchParams(new URLSearchParams(), today)).toEqual({
      preset: '30d',
      from: '2026-10-24',
      to: '2026-11-22',
      label: 'Last 30 days',
    });
  });

  it('reads a preset', () => {
    expect(
      periodFromSearchParams(new URLSearchParams('period=7d'), today),
    ).toMatchObject({ preset: '7d', from: '2026-11-16', label: 'Last 7 days' });
  });

  it('prefers a valid custom window', () => {
    expect(
      periodFromSearchParams(
        new URLSearchParams('period=7d&from=2026-09-01&to=2026-09-15'),
        today,
      ),
    ).toEqual({
      preset: 'custom',
      from: '2026-09-01',
      to: '2026-09-15',
      label: '2026-09-01 – 2026-09-15',
    });
  });

  it('falls back to the default for an unknown preset', () => {
    expect(
      periodFromSearchParams(new URLSearchParams('period=forever'), today),
    ).toMatchObject({ preset: '30d', from: '2026-10-24' });
  });

  it('says why a custom window cannot be used instead of showing another', () => {
    const read = (query: string) =>
      periodFromSearchParams(new URLSearchParams(query), today);
    expect(read('period=7d&from=2026-09-15&to=2026-09-01')).toEqual({
      preset: 'custom',
      from: '2026-09-15',
      to: '2026-09-01',
      label: '2026-09-15 – 2026-09-01',
      error: 'From must not be after To',
    });
    expect(read('from=&to=2026-09-01').error).toBe('From must be a date');
    expect(read('from=2026-11-01&to=2026-11-23').error).toBe(
      'To must not be after today',
    );
  });
});

describe('validateWindow', () => {
  it('names what is wrong', () => {
    expect(validateWindow('2026-09-01', '2026-09-30')).toBeUndefined();
    expect(validateWindow('2026-02-30', '2026-03-01')).toBe(
      'From must be a date',
    );
    expect(validateWindow('2026-09-02', '2026-09-01')).toBe(
      'From must not be after To',
    );
    expect(validateWindow('2024-01-01', '2026-01-01')).toBe(
      'A period can span at most 400 days',
    );
  });
});

describe('previousWindow', () => {
  it('is the window of equal length before', () => {
    expect(previousWindow('2026-10-24', '2026-11-22')).toEqual({
      from: '2026-09-24',
      to: '2026-10-23',
    });
  });
});
