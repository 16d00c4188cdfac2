import { InputError } from '@backstage/errors';
import { parseAllocationRule } from './parseAllocationRule';

const TAGS = ['environment', 'feature', 'customer'];

describe('parseAllocationRule', () => {
  it('reads a portal virtual-tag rule, with or without kind', () => {
    const body = {
      tag: 'environment',
      value: ' staging ',
      match: { provider: 'openai', projectId: 'proj_*_stg' },
    };
    const expected = {
      kind: 'virtualTag',
      id: 'stg-projects',
      source: 'portal',
      tag: 'environment',
      value: 'staging',
      match: { provider: 'openai', projectId: 'proj_*_stg' },
    };
    expect(parseAllocationRule(body, TAGS, 'stg-projects')).toEqual(expected);
    expect(
      parseAllocationRule(
        { ...body, kind: 'virtualTag', id: 'stg-projects' },
        TAGS,
        'stg-projects',
      ),
    ).toEqual(expected);
  });

  it('reads a portal split rule, normalising and sorting its shares', () => {
    expect(
      parseAllocationRule(
        {
          match: { apiKeyId: 'key_shared_eval' },
          method: 'fixed',
          shares: { 'Component:ticket-summarizer': 1, 'component:a/b': 3 },
        },
        TAGS,
        'shared-eval-key',
      ),
    ).toEqual({
      kind: 'split',
      id: 'shared-eval-key',
      source: 'portal',
      match: { apiKeyId: 'key_shared_eval' },
      method: 'fixed',
      targets: ['component:a/b', 'component:default/ticket-summarizer'],
      weights: [3, 1],
    });
  });

  it.each<[string, unknown, string]>([
    [
      'a body that is not an object',
      [],
      'must be an object: one virtual-tag or split rule',
    ],
    [
      'an unknown method',
      { match: {}, method: 'weighted', targets: ['group:a'] },
      'method: must be one of even, fixed, proportional, metric, members, got "weighted"',
    ],
    [
      'an unknown kind',
      { kind: 'budget', tag: 'feature', value: 'x', match: {} },
      'kind: must be virtualTag or split',
    ],
    [
      'a tag that is not an allocation tag',
      { tag: 'team', value: 'x', match: {} },
      'tag: "team" is not one of the allocation tags (environment, feature, customer)',
    ],
    [
      'an unknown match key',
      { tag: 'feature', value: 'x', match: { project: 'p' } },
      'match.project: is not a match key; use one of provider, sourceId, accountId, projectId, apiKeyId, resourceId, userId, region, model, serviceTier or tags.<key>',
    ],
    [
      'a target named twice',
      { match: {}, method: 'even', targets: ['group:a', 'group:default/A'] },
      'targets: name group:default/a twice',
    ],
    [
      'a body id that differs from the rule id',
      { id: 'other', tag: 'feature', value: 'x', match: {} },
      'id: "other" differs from the rule id "rule-1"',
    ],
  ])('refuses %s with an InputError naming the field', (_, body, message) => {
    expect(() => parseAllocationRule(body, TAGS, 'rule-1')).toThrow(
      new InputError(message),
    );
    expect(() => parseAllocationRule(body, TAGS, 'rule-1')).toThrow(InputError);
  });

  it('refuses a badly written rule id', () => {
    expect(() =>
      parseAllocationRule(
        { tag: 'feature', value: 'x', match: {} },
        TAGS,
        'Rule 1',
      ),
    ).toThrow(
      new InputError(
        'id: must be 1 to 100 lower-case letters, digits, _ . - (e.g. shared-eval-key)',
      ),
    );
  });
});
