import { roundPartsToTotal, roundSharesToWhole } from './roundParts';

describe('roundPartsToTotal', () => {
  it('makes the shown parts add up to the shown total', () => {
    // Rounded on their own: $4,168.44 + $329.50 = $4,497.94, but the total
    // is $4,497.95. The missing cent goes to the part that lost most
    // (a tie here, so the first).
    const parts = roundPartsToTotal([4168.444, 329.504], 4497.948);
    expect(parts).toEqual([4168.45, 329.5]);
    expect(Math.round((parts[0] + parts[1]) * 100)).toBe(449795);
  });

  it('gives the missing cents to the largest remainders', () => {
    expect(roundPartsToTotal([0.333333, 0.333333, 0.333334])).toEqual([
      0.33, 0.33, 0.34,
    ]);
    expect(roundPartsToTotal([1.005, 2.007, 3.001])).toEqual([1.0, 2.01, 3.0]);
  });

  it('rounds each part on its own when they do not add up to the total', () => {
    expect(roundPartsToTotal([1.006, 2.004], 10)).toEqual([1.01, 2.0]);
  });

  it('keeps a sub-cent part instead of showing it as free', () => {
    expect(roundPartsToTotal([0.0042, 5.1], 5.1042)).toEqual([0.0042, 5.1]);
  });
});

describe('roundSharesToWhole', () => {
  it('makes the shown shares add up to 100%', () => {
    // On their own 33.3% + 33.3% + 33.3% = 99.9%; the missing tenth goes to
    // the first of the tied remainders.
    expect(roundSharesToWhole([1, 1, 1])).toEqual([0.334, 0.333, 0.333]);
    // 2/7 = 28.571…%, 5/7 = 71.428…%: 28.6% + 71.4%.
    expect(roundSharesToWhole([2, 5, 0])).toEqual([0.286, 0.714, 0]);
  });

  it('gives plain shares when there is no positive whole to divide', () => {
    expect(roundSharesToWhole([0, 0])).toEqual([0, 0]);
    expect(roundSharesToWhole([3, -1])).toEqual([1.5, -0.5]);
  });
});
