import { ConfigReader } from '@backstage/config';
import { readSubscriptions } from './readSubscriptions';

const copilot = {
  id: 'copilot',
  vendor: 'GitHub',
  product: 'Copilot Business',
  amount: 190,
  currency: 'USD',
  period: 'month',
  start: '2026-11-01',
  groups: ['group:default/Search-Team'],
};

const read = (subscriptions: unknown) =>
  readSubscriptions(new ConfigReader({ aiCost: { subscriptions } } as any));

describe('readSubscriptions', () => {
  it('reads subscriptions with amounts in micro-units and refs lower-case', () => {
    expect(read([copilot])).toEqual([
      {
        ...copilot,
        source: 'config',
        amountMicros: 190_000_000,
        groups: ['group:default/search-team'],
      },
    ]);
    expect(readSubscriptions(new ConfigReader({}))).toEqual([]);
  });

  it('names the key of a bad value', () => {
    expect(() =>
      read([
        copilot,
        { ...copilot, id: 'b' },
        { ...copilot, id: 'c', period: 'week' },
      ]),
    ).toThrow(
      'aiCost.subscriptions[2].period: expected month or year, got "week"',
    );
    expect(() => read([{ ...copilot, id: undefined }])).toThrow(
      'aiCost.subscriptions[0].id: is required (e.g. copilot-business)',
    );
    expect(() => read([copilot, copilot])).toThrow(
      'aiCost.subscriptions[1].id: "copilot" is already the id of another subscription',
    );
    expect(() => read([{ ...copilot, entityRef: 'group:default/x' }])).toThrow(
      'aiCost.subscriptions[0].groups: give either entityRef or groups, not both',
    );
    expect(() => read([{ ...copilot, end: '2026-10-01' }])).toThrow(
      'aiCost.subscriptions[0].end: must not be before start (2026-11-01)',
    );
    expect(() => read([{ ...copilot, groups: ['nope'] }])).toThrow(
      'aiCost.subscriptions[0].groups[0]: must be an entity reference',
    );
  });
});
