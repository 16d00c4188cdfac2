import { assertUsageWindow } from './assertUsageWindow';
import { ProviderApiError } from './ProviderHttpClient';

describe('assertUsageWindow', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025-02-28', '2025-03-01'],
  ])('accepts %s..%s', (from, to) => {
    expect(() => assertUsageWindow({ from, to }, 'Test source')).not.toThrow();
  });

  it.each([
    ['2025-03-02', '2025-03-01'],
    ['2025-3-01', '2025-03-02'],
    ['2025-03-01', '2025-03-01T00:00:00Z'],
    ['', '2025-03-01'],
  ])('rejects %s..%s, naming the source', (from, to) => {
    const check = () =>
      assertUsageWindow({ from, to }, 'AWS source "aws-main"');
    expect(check).toThrow(ProviderApiError);
    expect(check).toThrow(
      new Error(`AWS source "aws-main": invalid window ${from}..${to}`),
    );
  });
});
