import { parseMeter, subscriptionOf, usageDay } from './normalize';

describe('parseMeter', () => {
  // Illustrative meter names (Azure does not document them).
  it.each([
    ['gpt-4o-0806-Inp-glbl Tokens', 'gpt-4o-0806', 'input'],
    ['gpt-4o-0806-Outp-glbl Tokens', 'gpt-4o-0806', 'output'],
    ['gpt 4o 0513 Input regional Tokens', 'gpt-4o-0513', 'input'],
    [
      'gpt 4o mini 0718 cached Input global Tokens',
      'gpt-4o-mini-0718',
      'cacheRead',
    ],
    ['gpt-4o-mini-0718-cchd-Inp-dzone Tokens', 'gpt-4o-mini-0718', 'cacheRead'],
    ['Az-GPT-4-Turbo-128K-Output', 'gpt-4-turbo-128k', 'output'],
    ['o3 mini 0131 Batch Output global Tokens', 'o3-mini-0131', 'output'],
    ['text-embedding-3-small-Tokens', 'text-embedding-3-small', null],
    ['Speech to Text Standard - Audio', null, null],
    ['S0 Text Records', null, null],
  ])('%s → %s %s', (meter, model, tokenType) => {
    expect(parseMeter(meter)).toEqual({ model, tokenType });
  });

  it('handles a missing meter', () => {
    expect(parseMeter(null)).toEqual({ model: null, tokenType: null });
  });
});

describe('usageDay', () => {
  it.each([
    [20250131, '2025-01-31'],
    ['20250131', '2025-01-31'],
    ['2025-01-31T00:00:00', '2025-01-31'],
    ['2025-01-31', '2025-01-31'],
    ['31/01/2025', undefined],
    [null, undefined],
  ])('%j → %s', (value, day) => {
    expect(usageDay(value)).toBe(day);
  });
});

describe('subscriptionOf', () => {
  it('finds the subscription in a resource id, lower-cased', () => {
    expect(
      subscriptionOf(
        '/SUBSCRIPTIONS/ABCDEF00-0000-0000-0000-000000000000/resourceGroups/x',
      ),
    ).toBe('abcdef00-0000-0000-0000-000000000000');
    expect(
      subscriptionOf('/providers/Microsoft.Management/managementGroups/mg'),
    ).toBeNull();
    expect(subscriptionOf(null)).toBeNull();
  });
});
