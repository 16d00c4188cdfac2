import { roundToCents, toCents } from './roundToCents';

describe('roundToCents', () => {
  it('gives the cents still missing to the largest remainders', () => {
    // $1.005 + $2.007 + $3.001 = $6.013 → $6.01; floors $1.00 + $2.00 +
    // $3.00 = $6.00, the missing cent goes to $2.007 (remainder 0.7 cent).
    expect(roundToCents([1_005_000, 2_007_000, 3_001_000])).toEqual([
      1_000_000, 2_010_000, 3_000_000,
    ]);
    // Thirds of $1: the cent goes to the largest remainder, the last.
    expect(roundToCents([333_333, 333_333, 333_334])).toEqual([
      330_000, 330_000, 340_000,
    ]);
  });

  it('gives a tied cent to the first part, so the parts add up to the total', () => {
    // 15.5 + 15.5 cents = 31 cents; on their own both would round to 16.
    expect(roundToCents([155_000, 155_000])).toEqual([160_000, 150_000]);
  });

  it('handles credits', () => {
    // −1.5 + 2.5 cents = 1 cent: floors −2 and 2, the cent to the first tie.
    expect(roundToCents([-15_000, 25_000])).toEqual([-10_000, 20_000]);
  });

  it('rounds one amount to the nearest cent', () => {
    expect(toCents(1_234_567)).toBe(1_230_000);
    expect(toCents(1_235_000)).toBe(1_240_000);
  });
});
