import { uncachedInput } from './normalizedEvent';

describe('uncachedInput', () => {
  it('subtracts cache counts from an inclusive total, keeps an exclusive one', () => {
    expect(uncachedInput(1200, 200, 100)).toBe(900);
    expect(uncachedInput(300, 200, 100)).toBe(0);
    expect(uncachedInput(100, 200, 50)).toBe(100);
  });
});
