import { ConfigReader } from '@backstage/config';
import { readDigestSettings } from './readDigestSettings';

describe('readDigestSettings', () => {
  it('is off by default', () => {
    expect(readDigestSettings(new ConfigReader({}))).toEqual({
      weekly: false,
      monthly: false,
      leadership: [],
    });
  });

  it('reads leadership groups as lower-case refs, the kind and namespace optional', () => {
    expect(
      readDigestSettings(
        new ConfigReader({
          aiCost: {
            digests: {
              weekly: true,
              leadership: [
                'group:default/Leadership',
                'finance',
                'ops/cto-office',
              ],
            },
          },
        }),
      ),
    ).toEqual({
      weekly: true,
      monthly: false,
      leadership: [
        'group:default/leadership',
        'group:default/finance',
        'group:ops/cto-office',
      ],
    });
  });

  it('refuses a ref that is not a group, naming the entry', () => {
    expect(() =>
      readDigestSettings(
        new ConfigReader({
          aiCost: {
            digests: { leadership: ['group:default/a', 'user:default/ceo'] },
          },
        }),
      ),
    ).toThrow(
      'aiCost.digests.leadership[1] must be a group ref such as group:default/leadership, got "user:default/ceo"',
    );
  });
});
