import { matchesRule } from './matchRule';
import type { AllocationRecord } from './types';

const record: AllocationRecord = {
  sourceId: 'openai-main',
  provider: 'openai',
  accountId: null,
  projectId: 'proj_search_stg',
  resourceId: null,
  apiKeyId: 'key_shared_eval',
  userId: null,
  region: 'us-east-1',
  serviceTier: 'default',
  model: 'gpt-4o-2024-08-06',
  tags: { team: 'platform', 'customer.id': 'acme' },
};

describe('matchesRule', () => {
  it('matches everything with an empty match', () => {
    expect(matchesRule({}, record)).toBe(true);
  });

  it('needs every condition to hold, exactly and case-sensitively', () => {
    expect(
      matchesRule({ provider: 'openai', apiKeyId: 'key_shared_eval' }, record),
    ).toBe(true);
    expect(
      matchesRule({ provider: 'openai', apiKeyId: 'key_other' }, record),
    ).toBe(false);
    expect(matchesRule({ provider: 'OpenAI' }, record)).toBe(false);
    expect(matchesRule({ model: 'gpt-4o' }, record)).toBe(false);
  });

  it('matches anchored globs on the whole value', () => {
    expect(matchesRule({ projectId: 'proj_*_stg' }, record)).toBe(true);
    expect(matchesRule({ projectId: 'proj_*' }, record)).toBe(true);
    expect(matchesRule({ projectId: '*_stg' }, record)).toBe(true);
    expect(matchesRule({ projectId: '*search*' }, record)).toBe(true);
    expect(matchesRule({ projectId: 'proj_*_prod' }, record)).toBe(false);
    expect(matchesRule({ projectId: 'search*' }, record)).toBe(false);
    expect(matchesRule({ model: 'gpt-4o*' }, record)).toBe(true);
  });

  it('treats regular expression characters in globs literally', () => {
    expect(matchesRule({ model: 'gpt-4o-2024.08.06' }, record)).toBe(false);
    expect(matchesRule({ model: 'gpt-4o-2024.*' }, record)).toBe(false);
    expect(matchesRule({ model: 'gpt-?o*' }, record)).toBe(false);
    expect(
      matchesRule({ model: '(x|y)*' }, { ...record, model: '(x|y)-1' }),
    ).toBe(true);
    expect(matchesRule({ model: '(x|y)*' }, { ...record, model: 'x' })).toBe(
      false,
    );
  });

  it('never matches a missing dimension, not even with *', () => {
    expect(matchesRule({ accountId: '*' }, record)).toBe(false);
    expect(matchesRule({ userId: 'u1' }, record)).toBe(false);
    expect(matchesRule({ region: '*' }, record)).toBe(true);
  });

  it('matches provider tags by key, and never when the tag is missing', () => {
    expect(matchesRule({ 'tags.team': 'platform' }, record)).toBe(true);
    expect(matchesRule({ 'tags.customer.id': 'ac*' }, record)).toBe(true);
    expect(matchesRule({ 'tags.team': 'search' }, record)).toBe(false);
    expect(matchesRule({ 'tags.env': '*' }, record)).toBe(false);
    expect(matchesRule({ 'tags.team': '*' }, { ...record, tags: null })).toBe(
      false,
    );
  });
});
