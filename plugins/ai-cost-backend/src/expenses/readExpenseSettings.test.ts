import { ConfigReader } from '@backstage/config';
import { readExpenseSettings } from './readExpenseSettings';

const read = (aiVendors: unknown) =>
  readExpenseSettings(
    new ConfigReader({ aiCost: { expenses: { aiVendors } } } as any),
  );

describe('readExpenseSettings', () => {
  it('reads names and { vendor, aliases }', () => {
    expect(readExpenseSettings(new ConfigReader({}))).toEqual({
      aiVendors: [],
    });
    expect(
      read([' Tabnine ', { vendor: 'OpenAI', aliases: ['OAI Corp'] }]),
    ).toEqual({
      aiVendors: ['Tabnine', { vendor: 'OpenAI', aliases: ['OAI Corp'] }],
    });
  });

  it('names the bad item', () => {
    expect(() => read([{ aliases: ['x'] }])).toThrow(
      'aiCost.expenses.aiVendors[0].vendor: expected a vendor name',
    );
    expect(() => read(['ok', { vendor: 'Acme', aliases: 'acme' }])).toThrow(
      'aiCost.expenses.aiVendors[1].aliases: expected a list of names',
    );
    expect(() => read([42])).toThrow(
      'aiCost.expenses.aiVendors[0]: expected a vendor name or { vendor, aliases }, got 42',
    );
  });
});
