import { parseRequestTag } from './litellmFields';

describe('parseRequestTag', () => {
  it('splits key=value and key:value, valueless tags are true', () => {
    expect(parseRequestTag('service=search')).toEqual({
      key: 'service',
      value: 'search',
    });
    expect(parseRequestTag('env:prod')).toEqual({ key: 'env', value: 'prod' });
    expect(parseRequestTag('url=https://x')).toEqual({
      key: 'url',
      value: 'https://x',
    });
    expect(parseRequestTag('batch')).toEqual({ key: 'batch', value: 'true' });
  });
});
