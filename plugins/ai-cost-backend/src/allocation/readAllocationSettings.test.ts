import { mockServices } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import { readAllocationSettings } from './readAllocationSettings';

const read = (allocation: JsonObject) =>
  readAllocationSettings(
    mockServices.rootConfig({ data: { aiCost: { allocation } } }),
  );

const DEFAULT_ENVIRONMENT = {
  production: ['prod', 'prd', 'live'],
  staging: ['stg', 'stage'],
  development: ['dev'],
};

describe('readAllocationSettings', () => {
  it('has defaults without config', () => {
    const defaults = {
      tagKeys: ['environment', 'feature', 'customer'],
      normalize: { environment: DEFAULT_ENVIRONMENT },
      rules: [],
      coverageThreshold: 0.8,
    };
    expect(readAllocationSettings()).toEqual(defaults);
    expect(
      readAllocationSettings(mockServices.rootConfig({ data: {} })),
    ).toEqual(defaults);
    expect(read({})).toEqual(defaults);
  });

  it('reads the design example', () => {
    expect(
      read({
        tags: ['environment', 'feature', 'customer', 'cost-center'],
        normalize: {
          environment: { production: ['prod', 'PRD'], qa: ['test'] },
          'cost-center': { 'cc-42': ['finance'] },
        },
        virtualTags: [
          {
            tag: 'environment',
            value: 'staging',
            match: { provider: 'openai', projectId: 'proj_*_stg' },
          },
          {
            tag: 'customer',
            valueFrom: 'tags.customer_id',
            match: { provider: 'gateway' },
          },
        ],
        splitRules: [
          {
            id: 'shared-eval-key',
            match: { provider: 'openai', apiKeyId: 'key_shared_eval' },
            method: 'fixed',
            shares: {
              'Component:default/ticket-summarizer': 30,
              'component:query-rewriter': 70,
            },
          },
          {
            id: 'platform-gateway',
            match: { provider: 'gateway', 'tags.team': 'platform' },
            method: 'proportional',
            targets: ['group:default/search-team', 'Group:Insights-Team'],
          },
          {
            id: 'by-requests',
            match: { provider: 'anthropic' },
            method: 'metric',
            metric: 'requests',
            targets: ['component:default/a'],
          },
        ],
        chargeback: { coverageThreshold: 0.95 },
      }),
    ).toEqual({
      tagKeys: ['environment', 'feature', 'customer', 'cost-center'],
      normalize: {
        environment: {
          production: ['prod', 'PRD'],
          staging: ['stg', 'stage'],
          development: ['dev'],
          qa: ['test'],
        },
        'cost-center': { 'cc-42': ['finance'] },
      },
      rules: [
        {
          kind: 'virtualTag',
          id: 'virtual-tag-0',
          source: 'config',
          tag: 'environment',
          value: 'staging',
          match: { provider: 'openai', projectId: 'proj_*_stg' },
        },
        {
          kind: 'virtualTag',
          id: 'virtual-tag-1',
          source: 'config',
          tag: 'customer',
          valueFrom: 'tags.customer_id',
          match: { provider: 'gateway' },
        },
        {
          kind: 'split',
          id: 'shared-eval-key',
          source: 'config',
          match: { provider: 'openai', apiKeyId: 'key_shared_eval' },
          method: 'fixed',
          targets: [
            'component:default/query-rewriter',
            'component:default/ticket-summarizer',
          ],
          weights: [70, 30],
        },
        {
          kind: 'split',
          id: 'platform-gateway',
          source: 'config',
          match: { provider: 'gateway', 'tags.team': 'platform' },
          method: 'proportional',
          targets: ['group:default/insights-team', 'group:default/search-team'],
        },
        {
          kind: 'split',
          id: 'by-requests',
          source: 'config',
          match: { provider: 'anthropic' },
          method: 'metric',
          metric: 'requests',
          targets: ['component:default/a'],
        },
      ],
      coverageThreshold: 0.95,
    });
  });

  it('drops the default environment spellings when environment is not a tag', () => {
    expect(read({ tags: ['feature'] }).normalize).toEqual({});
  });

  it('keeps a virtual tag rule id from config when given', () => {
    const [rule] = read({
      virtualTags: [{ id: 'stg', tag: 'environment', value: 's', match: {} }],
    }).rules;
    expect(rule.id).toBe('stg');
  });

  it.each<[string, JsonObject, string]>([
    [
      'an unknown split method',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'even', targets: ['group:x'] },
          { id: 'b', match: {}, method: 'weighted', targets: ['group:x'] },
        ],
      },
      'aiCost.allocation.splitRules[1].method must be one of even, fixed, proportional, metric, members, got "weighted"',
    ],
    [
      'a missing split method',
      { splitRules: [{ id: 'a', match: {}, targets: ['group:x'] }] },
      'aiCost.allocation.splitRules[0].method is required',
    ],
    [
      'a virtual tag that is not an allocation tag',
      { virtualTags: [{ tag: 'team', value: 'x', match: {} }] },
      'aiCost.allocation.virtualTags[0].tag "team" is not one of the allocation tags (environment, feature, customer)',
    ],
    [
      'an unknown match key',
      { virtualTags: [{ tag: 'feature', value: 'x', match: { team: 'a' } }] },
      'aiCost.allocation.virtualTags[0].match.team is not a match key; use one of provider, sourceId, accountId, projectId, apiKeyId, resourceId, userId, region, model, serviceTier or tags.<key>',
    ],
    [
      'a numeric match value',
      {
        virtualTags: [
          { tag: 'feature', value: 'x', match: { accountId: 1234 } },
        ],
      },
      'aiCost.allocation.virtualTags[0].match.accountId must be a string (quote numeric ids in YAML)',
    ],
    [
      'a missing match',
      { virtualTags: [{ tag: 'feature', value: 'x' }] },
      'aiCost.allocation.virtualTags[0].match is required',
    ],
    [
      'both value and valueFrom',
      {
        virtualTags: [
          { tag: 'feature', value: 'x', valueFrom: 'tags.f', match: {} },
        ],
      },
      'aiCost.allocation.virtualTags[0].value give exactly one of value or valueFrom',
    ],
    [
      'neither value nor valueFrom',
      { virtualTags: [{ tag: 'feature', match: {} }] },
      'aiCost.allocation.virtualTags[0].value give exactly one of value or valueFrom',
    ],
    [
      'a valueFrom that is not a provider tag',
      { virtualTags: [{ tag: 'feature', valueFrom: 'projectId', match: {} }] },
      'aiCost.allocation.virtualTags[0].valueFrom must name a provider tag as tags.<key>',
    ],
    [
      'an unknown rule field',
      {
        virtualTags: [{ tag: 'feature', value: 'x', match: {}, when: 'now' }],
      },
      'aiCost.allocation.virtualTags[0].when is not a field of this rule; use kind, id, match, tag, value, valueFrom',
    ],
    [
      'a fixed split without shares',
      { splitRules: [{ id: 'a', match: {}, method: 'fixed' }] },
      'aiCost.allocation.splitRules[0].shares is required for a fixed split: entityRef: weight',
    ],
    [
      'a fixed split with a zero weight',
      {
        splitRules: [
          {
            id: 'a',
            match: {},
            method: 'fixed',
            shares: { 'group:a': 1, 'group:b': 0 },
          },
        ],
      },
      'aiCost.allocation.splitRules[0].shares["group:b"] must be a number greater than 0, got 0',
    ],
    [
      'a fixed split with a negative weight',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'fixed', shares: { 'group:a': -3 } },
        ],
      },
      'aiCost.allocation.splitRules[0].shares["group:a"] must be a number greater than 0, got -3',
    ],
    [
      'a share that is not an entity ref',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'fixed', shares: { 'search-team': 1 } },
        ],
      },
      'aiCost.allocation.splitRules[0].shares["search-team"] must be an entity reference such as component:default/my-service',
    ],
    [
      'a fixed split with targets',
      {
        splitRules: [
          {
            id: 'a',
            match: {},
            method: 'fixed',
            shares: { 'group:a': 1 },
            targets: ['group:a'],
          },
        ],
      },
      'aiCost.allocation.splitRules[0].targets is not used by a fixed split; list them in shares',
    ],
    [
      'a proportional split without targets',
      { splitRules: [{ id: 'a', match: {}, method: 'proportional' }] },
      'aiCost.allocation.splitRules[0].targets must list at least one entity to split among',
    ],
    [
      'an even split with no targets',
      { splitRules: [{ id: 'a', match: {}, method: 'even', targets: [] }] },
      'aiCost.allocation.splitRules[0].targets must list at least one entity to split among',
    ],
    [
      'a target without a kind',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'even', targets: ['search-team'] },
        ],
      },
      'aiCost.allocation.splitRules[0].targets[0] must be an entity reference such as component:default/my-service',
    ],
    [
      'a target named twice in different spellings',
      {
        splitRules: [
          {
            id: 'a',
            match: {},
            method: 'even',
            targets: ['group:default/a', 'Group:A'],
          },
        ],
      },
      'aiCost.allocation.splitRules[0].targets name group:default/a twice',
    ],
    [
      'an even split with shares',
      {
        splitRules: [
          {
            id: 'a',
            match: {},
            method: 'even',
            targets: ['group:a'],
            shares: { 'group:a': 1 },
          },
        ],
      },
      'aiCost.allocation.splitRules[0].shares is only used by a fixed split, not even',
    ],
    [
      'a metric split without a metric',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'metric', targets: ['group:a'] },
        ],
      },
      'aiCost.allocation.splitRules[0].metric is required for a metric split: the metric to split by',
    ],
    [
      'a metric on another split',
      {
        splitRules: [
          {
            id: 'a',
            match: {},
            method: 'even',
            targets: ['group:a'],
            metric: 'requests',
          },
        ],
      },
      'aiCost.allocation.splitRules[0].metric is only used by a metric split, not even',
    ],
    [
      'a split rule without an id',
      { splitRules: [{ match: {}, method: 'even', targets: ['group:a'] }] },
      'aiCost.allocation.splitRules[0].id is required (e.g. shared-eval-key)',
    ],
    [
      'a badly written id',
      {
        splitRules: [
          { id: 'Shared Key', match: {}, method: 'even', targets: ['group:a'] },
        ],
      },
      'aiCost.allocation.splitRules[0].id must be 1 to 100 lower-case letters, digits, _ . - (e.g. shared-eval-key)',
    ],
    [
      'a duplicate id',
      {
        splitRules: [
          { id: 'a', match: {}, method: 'even', targets: ['group:a'] },
          { id: 'a', match: {}, method: 'even', targets: ['group:b'] },
        ],
      },
      'aiCost.allocation.splitRules[1].id "a" is already the id of another rule',
    ],
    [
      'rules that are not a list',
      { splitRules: { id: 'a' } },
      'aiCost.allocation.splitRules must be a list of rules',
    ],
    [
      'a badly written tag key',
      { tags: ['environment', 'Cost Center'] },
      'aiCost.allocation.tags[1] must be lower-case letters, digits, _ . - (e.g. cost-center)',
    ],
    [
      'a repeated tag key',
      { tags: ['environment', 'feature', 'environment'] },
      'aiCost.allocation.tags[2] "environment" is listed twice',
    ],
    [
      'normalization of a tag that is not an allocation tag',
      { normalize: { team: { search: ['srch'] } } },
      'aiCost.allocation.normalize.team is not one of the allocation tags (environment, feature, customer)',
    ],
    [
      'synonyms that are not a list',
      { normalize: { environment: { qa: 'test' } } },
      'aiCost.allocation.normalize.environment.qa must be a list',
    ],
    [
      'a spelling that means two values',
      { normalize: { environment: { staging: ['stg', 'PROD'] } } },
      'aiCost.allocation.normalize.environment.staging lists "PROD", already a spelling of "production"',
    ],
    [
      'a coverage threshold above 1',
      { chargeback: { coverageThreshold: 1.5 } },
      'aiCost.allocation.chargeback.coverageThreshold must be a number greater than 0 and at most 1, got 1.5',
    ],
    [
      'a coverage threshold of 0',
      { chargeback: { coverageThreshold: 0 } },
      'aiCost.allocation.chargeback.coverageThreshold must be a number greater than 0 and at most 1, got 0',
    ],
  ])('refuses %s, naming the key', (_, allocation, message) => {
    expect(() => read(allocation)).toThrow(new Error(message));
  });

  it('accepts a coverage threshold of exactly 1', () => {
    expect(
      read({ chargeback: { coverageThreshold: 1 } }).coverageThreshold,
    ).toBe(1);
  });
});
