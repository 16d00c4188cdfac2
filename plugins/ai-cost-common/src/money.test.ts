import {
  allocateMicros,
  formatMoney,
  microsFromCentsString,
  microsFromDecimalString,
  microsFromDecimalStringSum,
  microsFromNumber,
  microsToDecimalString,
  microsToNumber,
  MoneyParseError,
} from './money';

describe('money', () => {
  describe('microsFromCentsString (Anthropic cost_report)', () => {
    it.each([
      ['123.78912', 1_237_891], // $1.2378912 rounds half away from zero at the 7th decimal
      ['123.45', 1_234_500],
      ['0.00005', 1], // 0.0000005 dollars rounds up to one micro
      ['0.00004', 0],
      ['100', 1_000_000],
      ['-250.00', -2_500_000], // credits
      ['-0.00005', -1],
      ['  42.5  ', 425_000],
      ['1e2', 1_000_000],
    ])('%s cents is %d micro-dollars', (input, expected) => {
      expect(microsFromCentsString(input)).toBe(expected);
    });
  });

  describe('microsFromNumber (OpenAI amount.value in dollars)', () => {
    it.each([
      [10.1425634, 10_142_563],
      [0.06, 60_000],
      [0.1 + 0.2, 300_000], // 0.30000000000000004 must not drift
      [1e-7, 0],
      [5e-7, 1],
      [-3.0000005, -3_000_001],
      [12345678.123456, 12_345_678_123_456],
      [0, 0],
    ])('%s dollars is %d micro-dollars', (input, expected) => {
      expect(microsFromNumber(input)).toBe(expected);
    });
  });

  describe('microsFromDecimalString (AWS dollar strings)', () => {
    it.each([
      ['1.2345', 1_234_500],
      ['0.0000004999', 0],
      ['-0.0000015', -2],
      ['17', 17_000_000],
    ])('%s dollars is %d micro-dollars', (input, expected) => {
      expect(microsFromDecimalString(input)).toBe(expected);
    });
  });

  describe('microsFromDecimalStringSum (adds exactly, rounds once)', () => {
    it.each([
      // $10.0028912 → 10,002,891 micro-dollars
      [['123.78912', '876.5'], 10_002_891],
      [['0.5', '-250.00'], -2_495_000], // a credit bigger than the charge
      [['-0.00004', '0.00001'], 0], // -0.0000003 dollars rounds to 0, not -0
      [['15'], 150_000],
      [['1.5', '-1.5'], 0],
      // Each alone rounds to 0 micro-dollars; together they are 0.6 of one.
      [['0.00003', '0.00003'], 1],
      [['-0.00003', '-0.00003'], -1],
      [[' 42.5 ', '1e2'], 1_425_000], // read as microsFromCentsString reads them
      [[], 0],
    ])('%j cents is %d micro-dollars', (values, expected) => {
      expect(microsFromDecimalStringSum(values, 'cents')).toBe(expected);
    });

    it.each([
      [['1.2345', '0.0000005'], 1_234_501],
      [['0.0000004', '0.0000001'], 1],
      [['0.0000004'], 0],
      [['17', '-0.5'], 16_500_000],
    ])('%j dollars is %d micro-dollars', (values, expected) => {
      expect(microsFromDecimalStringSum(values, 'major')).toBe(expected);
    });

    it('agrees with the one-value helpers on one value', () => {
      for (const value of ['123.78912', '0.00005', '-0.00005', '1e2', '0']) {
        expect(microsFromDecimalStringSum([value], 'cents')).toBe(
          microsFromCentsString(value),
        );
        expect(microsFromDecimalStringSum([value], 'major')).toBe(
          microsFromDecimalString(value),
        );
      }
    });

    it.each([
      [
        () => microsFromDecimalStringSum(['1', '12,5'], 'cents'),
        'Invalid cents amount "12,5": expected a decimal number',
      ],
      [
        () => microsFromDecimalStringSum(['1', 12.5], 'cents'),
        'Invalid cents amount 12.5: expected a decimal string',
      ],
      [
        () => microsFromDecimalStringSum(['$1.00'], 'major'),
        'Invalid amount "$1.00": expected a decimal number',
      ],
      [
        () => microsFromDecimalStringSum(['9000000000', '9000000000'], 'major'),
        'Invalid amount sum of ["9000000000","9000000000"]: amount is too large',
      ],
    ])('rejects garbage: %#', (fn, message) => {
      expect(fn).toThrow(MoneyParseError);
      expect(fn).toThrow(message);
    });
  });

  describe('rejects garbage with a clear error', () => {
    it.each([
      [
        () => microsFromCentsString('12,5'),
        'Invalid cents amount "12,5": expected a decimal number',
      ],
      [
        () => microsFromCentsString(''),
        'Invalid cents amount "": expected a decimal number',
      ],
      [
        () => microsFromCentsString('abc'),
        'Invalid cents amount "abc": expected a decimal number',
      ],
      [
        () => microsFromCentsString('1.2.3'),
        'Invalid cents amount "1.2.3": expected a decimal number',
      ],
      [
        () => microsFromCentsString(12.5),
        'Invalid cents amount 12.5: expected a decimal string',
      ],
      [
        () => microsFromCentsString(null),
        'Invalid cents amount null: expected a decimal string',
      ],
      [
        () => microsFromNumber('10.5'),
        'Invalid amount "10.5": expected a finite number',
      ],
      [
        () => microsFromNumber(NaN),
        'Invalid amount NaN: expected a finite number',
      ],
      [
        () => microsFromNumber(Infinity),
        'Invalid amount Infinity: expected a finite number',
      ],
      [
        () => microsFromDecimalString('$1.00'),
        'Invalid amount "$1.00": expected a decimal number',
      ],
      [
        () => microsFromDecimalString('1e400'),
        'Invalid amount "1e400": amount is too large',
      ],
    ])('%#', (fn, message) => {
      expect(fn).toThrow(MoneyParseError);
      expect(fn).toThrow(message);
    });
  });

  it('converts micro-units back to decimals exactly', () => {
    expect(microsToNumber(10_142_563)).toBe(10.142563);
    expect(microsToNumber(-1)).toBe(-0.000001);
    expect(microsToDecimalString(1_237_891)).toBe('1.237891');
    expect(microsToDecimalString(-10_000)).toBe('-0.010000');
    expect(microsToDecimalString(0)).toBe('0.000000');
    expect(() => microsToDecimalString(1.5)).toThrow(
      'Invalid micro-units 1.5: expected a safe integer',
    );
  });

  it('formats for people, keeping sub-cent amounts visible', () => {
    expect(formatMoney(1_234_567_890)).toBe('$1,234.57');
    expect(formatMoney(400)).toBe('$0.0004');
    expect(formatMoney(-2_500_000)).toBe('-$2.50');
    expect(formatMoney(0)).toBe('$0.00');
    expect(formatMoney(1_000_000, 'EUR', 'de-DE')).toBe('1,00\u00a0€');
  });

  describe('allocateMicros', () => {
    it('splits proportionally and always sums to the total', () => {
      expect(allocateMicros(1_000_000, [1, 1, 1])).toEqual([
        333_334, 333_333, 333_333,
      ]);
      expect(allocateMicros(100, [3, 1])).toEqual([75, 25]);
      expect(allocateMicros(10, [0.5, 0.25, 0.25])).toEqual([5, 3, 2]);
    });

    it('splits negative totals (credits) symmetrically', () => {
      expect(allocateMicros(-7, [1, 1])).toEqual([-4, -3]);
    });

    it('splits evenly when every weight is zero', () => {
      expect(allocateMicros(5, [0, 0])).toEqual([3, 2]);
    });

    it('sums exactly for awkward totals and weights', () => {
      const weights = [0.1, 0.7, 1e-9, 13, 2.25, 0];
      for (const total of [1, 999_999, 123_456_789, -42]) {
        const parts = allocateMicros(total, weights);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(parts.every(Number.isInteger)).toBe(true);
      }
    });
  });
});
