import { AllocationPolicy } from './AllocationPolicy';
import { parseAllocationRule } from './parseAllocationRule';
import { readAllocationSettings } from './readAllocationSettings';
import type { AllocationRecord, AllocationSettings } from './types';

const base: AllocationRecord = {
  sourceId: 'gateway',
  provider: 'gateway',
  accountId: null,
  projectId: null,
  resourceId: null,
  apiKeyId: null,
  userId: null,
  region: null,
  serviceTier: null,
  model: 'gpt-4o',
  tags: null,
};
const record = (extra: Partial<AllocationRecord>): AllocationRecord => ({
  ...base,
  ...extra,
});

const defaults = readAllocationSettings();
const TAGS = defaults.tagKeys;

const settings: AllocationSettings = {
  ...defaults,
  rules: [
    {
      kind: 'virtualTag',
      id: 'virtual-tag-0',
      source: 'config',
      tag: 'environment',
      value: 'STG',
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
      kind: 'virtualTag',
      id: 'virtual-tag-2',
      source: 'config',
      tag: 'customer',
      value: 'internal',
      match: { provider: 'gateway', 'tags.team': '*' },
    },
    {
      kind: 'split',
      id: 'config-split',
      source: 'config',
      match: { provider: 'openai', apiKeyId: 'key_shared_*' },
      method: 'even',
      targets: ['group:default/a', 'group:default/b'],
    },
  ],
};

const portalRules = [
  parseAllocationRule(
    {
      tag: 'environment',
      value: 'development',
      match: { projectId: 'proj_sandbox_stg' },
    },
    TAGS,
    'sandbox',
  ),
  parseAllocationRule(
    {
      match: { apiKeyId: 'key_shared_eval' },
      method: 'proportional',
      targets: ['group:c'],
    },
    TAGS,
    'portal-split',
  ),
];

const policy = new AllocationPolicy(settings, portalRules);

describe('AllocationPolicy', () => {
  it('lists portal rules first, then config rules, each in order', () => {
    expect(policy.tagKeys).toEqual(['environment', 'feature', 'customer']);
    expect(policy.rules().map(r => r.id)).toEqual([
      'sandbox',
      'portal-split',
      'virtual-tag-0',
      'virtual-tag-1',
      'virtual-tag-2',
      'config-split',
    ]);
  });

  it('normalizes messy spellings case-insensitively to the canonical value', () => {
    for (const messy of [
      'prod',
      'PROD',
      'Production',
      ' production ',
      'Live',
    ]) {
      expect(policy.normalize('environment', messy)).toBe('production');
    }
    expect(policy.normalize('environment', 'STAGE')).toBe('staging');
    expect(policy.normalize('environment', ' QA ')).toBe('QA');
    expect(policy.normalize('feature', 'Prod')).toBe('Prod');
  });

  it('takes a matching virtual tag rule before provider and entity tags', () => {
    expect(
      policy.tagsFor(
        record({
          provider: 'openai',
          projectId: 'proj_search_stg',
          tags: { environment: 'prod', feature: 'Search' },
        }),
        { environment: 'production', feature: 'checkout', customer: 'acme' },
      ),
    ).toEqual({ environment: 'staging', feature: 'Search', customer: 'acme' });
  });

  it('lets portal rules win over config rules for the same tag', () => {
    expect(
      policy.tagsFor(
        record({ provider: 'openai', projectId: 'proj_sandbox_stg' }),
      ),
    ).toEqual({ environment: 'development' });
  });

  it('falls through a valueFrom rule whose tag is missing to the next rule', () => {
    expect(
      policy.tagsFor(
        record({ tags: { customer_id: 'Acme', team: 'platform' } }),
      ),
    ).toEqual({ customer: 'Acme' });
    expect(policy.tagsFor(record({ tags: { team: 'platform' } }))).toEqual({
      customer: 'internal',
    });
    expect(
      policy.tagsFor(record({ tags: { customer: 'globex' } }), {
        customer: 'initech',
      }),
    ).toEqual({ customer: 'globex' });
    expect(
      policy.tagsFor(record({ tags: {} }), { customer: 'initech' }),
    ).toEqual({
      customer: 'initech',
    });
  });

  it('reads provider tags in another key case, and skips blank values', () => {
    expect(
      policy.tagsFor(
        record({
          provider: 'aws',
          tags: { Environment: 'PRD', feature: '  ' },
        }),
        { feature: 'checkout' },
      ),
    ).toEqual({ environment: 'production', feature: 'checkout' });
  });

  it('orders the result by tag key and omits tags without a value', () => {
    const tags = policy.tagsFor(record({ provider: 'aws' }), {
      customer: 'acme',
      environment: 'dev',
    });
    expect(Object.keys(tags)).toEqual(['environment', 'customer']);
    expect(tags).toEqual({ environment: 'development', customer: 'acme' });
    expect(policy.tagsFor(record({ provider: 'aws' }))).toEqual({});
  });

  it('finds the first matching split rule, portal rules first', () => {
    expect(
      policy.splitRuleFor(
        record({ provider: 'openai', apiKeyId: 'key_shared_eval' }),
      )?.id,
    ).toBe('portal-split');
    expect(
      policy.splitRuleFor(
        record({ provider: 'openai', apiKeyId: 'key_shared_x' }),
      )?.id,
    ).toBe('config-split');
    expect(
      policy.splitRuleFor(record({ provider: 'openai', apiKeyId: 'key_own' })),
    ).toBeUndefined();
  });

  it('names the split rule that takes all the spend of a claimed id', () => {
    const claim = (dimension: string, value: string) => ({
      provider: 'openai',
      dimension,
      value,
    });
    expect(
      policy.splitRuleForClaim(claim('apiKeyId', 'key_shared_eval'))?.id,
    ).toBe('portal-split');
    expect(policy.splitRuleForClaim(claim('apiKeyId', 'key_own'))).toBe(
      undefined,
    );
    // A rule on api keys says nothing of a project claim, nor of tag selectors.
    expect(
      policy.splitRuleForClaim(claim('projectId', 'key_shared_eval')),
    ).toBeUndefined();
    expect(
      policy.splitRuleForClaim(claim('tag', 'key_shared_eval')),
    ).toBeUndefined();
  });

  it('lists the dimensions any rule matches on', () => {
    expect([...policy.matchDimensions()]).toEqual([
      'provider',
      'projectId',
      'apiKeyId',
    ]);
    expect(new AllocationPolicy(defaults).matchDimensions()).toEqual(new Set());
  });
});
