import { ClaimIndex, type UsageDimensions } from './ClaimIndex';
import { readEntityClaims } from './claims';

function usage(partial: Partial<UsageDimensions>): UsageDimensions {
  return {
    provider: 'openai',
    accountId: null,
    projectId: null,
    resourceId: null,
    apiKeyId: null,
    tags: null,
    ...partial,
  };
}

function indexOf(entities: Record<string, Record<string, string>>) {
  return new ClaimIndex(
    Object.entries(entities).flatMap(
      ([ref, annotations]) => readEntityClaims(ref, annotations).claims,
    ),
  );
}

describe('ClaimIndex', () => {
  const index = indexOf({
    'component:default/api': { 'ai-cost/openai-project-id': 'proj_a' },
    'component:default/worker': {
      'ai-cost/openai-api-key-id': 'key_w, key_shared',
    },
    'component:default/eval': { 'ai-cost/openai-api-key-id': 'key_shared' },
    'resource:default/sandbox': { 'ai-cost/aws-account-id': '111' },
    'component:default/notebook': { 'ai-cost/aws-tags': 'team=insights' },
    'component:default/strict': {
      'ai-cost/aws-tags': 'team=insights, env=prod',
    },
    'component:default/rg': {
      'ai-cost/azure-resource-id': '/subscriptions/s/resourceGroups/RG',
    },
    'component:default/eu': {
      'ai-cost/azure-resource-id':
        '/subscriptions/s/resourceGroups/rg/providers/x/accounts/eu',
    },
  });

  it('gives a record to the most specific claim: api key over project', () => {
    expect(
      index.resolve(usage({ projectId: 'proj_a', apiKeyId: 'key_w' })),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/worker'],
      specificity: 3,
    });
    expect(
      index.resolve(usage({ projectId: 'proj_a', apiKeyId: 'key_other' })),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/api'],
      specificity: 2,
    });
  });

  it('splits equally specific claims and reports them as conflicts', () => {
    expect(index.resolve(usage({ apiKeyId: 'key_shared' }))).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/eval', 'component:default/worker'],
      specificity: 3,
    });
    expect(index.conflicts()).toEqual([
      {
        provider: 'openai',
        dimension: 'apiKeyId',
        value: 'key_shared',
        entityRefs: ['component:default/eval', 'component:default/worker'],
      },
    ]);
  });

  it('matches tag selectors only when every pair matches, tying with accounts', () => {
    expect(
      index.resolve(
        usage({
          provider: 'aws',
          accountId: '111',
          tags: { team: 'insights' },
        }),
      ),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/notebook', 'resource:default/sandbox'],
      specificity: 1,
    });
    expect(
      index.resolve(
        usage({ provider: 'aws', tags: { team: 'insights', env: 'prod' } }),
      ),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/notebook', 'component:default/strict'],
      specificity: 1,
    });
  });

  it('matches Azure resource ids by the longest prefix, ignoring case', () => {
    const eu = usage({
      provider: 'azure',
      resourceId: '/SUBSCRIPTIONS/s/resourceGroups/rg/providers/x/accounts/eu',
    });
    expect(index.resolve(eu)).toMatchObject({
      entityRefs: ['component:default/eu'],
    });
    const us = usage({
      provider: 'azure',
      resourceId: '/subscriptions/s/resourceGroups/rg/providers/x/accounts/us',
    });
    expect(index.resolve(us)).toMatchObject({
      entityRefs: ['component:default/rg'],
    });
  });

  it('matches AWS ARNs by the longest prefix, case-sensitively, over the account', () => {
    const arns = indexOf({
      'resource:default/sandbox': { 'ai-cost/aws-account-id': '111122223333' },
      'component:default/bedrock': {
        'ai-cost/aws-resource-arn':
          'arn:aws:bedrock:us-east-1:111122223333:, arn:aws:sagemaker:us-east-1:111122223333:endpoint/Chat',
      },
      'component:default/agent': {
        'ai-cost/aws-resource-arn':
          'arn:aws:bedrock:us-east-1:111122223333:agent/AGENT1',
      },
    });
    const aws = (resourceId: string) =>
      arns.resolve(
        usage({ provider: 'aws', accountId: '111122223333', resourceId }),
      );
    expect(
      aws('arn:aws:bedrock:us-east-1:111122223333:agent/AGENT1-alias'),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/agent'],
      specificity: 2,
    });
    expect(
      aws('arn:aws:bedrock:us-east-1:111122223333:inference-profile/x'),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['component:default/bedrock'],
      specificity: 2,
    });
    // ARNs are case-sensitive: another case is another resource, left to the account.
    expect(
      aws('arn:aws:sagemaker:us-east-1:111122223333:endpoint/chat'),
    ).toEqual({
      kind: 'claimed',
      entityRefs: ['resource:default/sandbox'],
      specificity: 1,
    });
    expect(
      arns.resolve(
        usage({ provider: 'aws', resourceId: 'arn:aws:s3:::bucket' }),
      ),
    ).toEqual({
      kind: 'unallocated',
      dimension: 'resourceId',
      value: 'arn:aws:s3:::bucket',
    });
  });

  it('never matches claims of another provider', () => {
    expect(
      index.resolve(usage({ provider: 'anthropic', apiKeyId: 'key_w' })),
    ).toEqual({ kind: 'unallocated', dimension: 'apiKeyId', value: 'key_w' });
  });

  it('reports unclaimed spend under the dimension someone should claim', () => {
    expect(
      index.resolve(usage({ projectId: 'proj_x', apiKeyId: 'key_x' })),
    ).toEqual({ kind: 'unallocated', dimension: 'projectId', value: 'proj_x' });
    expect(index.resolve(usage({ provider: 'aws', accountId: '999' }))).toEqual(
      { kind: 'unallocated', dimension: 'accountId', value: '999' },
    );
    expect(
      index.resolve(
        usage({ provider: 'gateway', tags: { svc: 'b', app: 'a' } }),
      ),
    ).toEqual({ kind: 'unallocated', dimension: 'tag', value: 'app=a' });
    expect(index.resolve(usage({}))).toEqual({
      kind: 'unallocated',
      dimension: 'none',
      value: '',
    });
  });
});

describe('readEntityClaims', () => {
  it('reads lists and tag selectors, and turns bad values into problems', () => {
    const { claims, problems } = readEntityClaims('component:default/x', {
      'ai-cost/openai-project-id': 'proj_a, proj_b,,proj_a',
      'ai-cost/gcp-labels': 'team=x,app=y',
      'ai-cost/aws-tags': 'team',
      'ai-cost/anthropic-api-key-id': ' , ',
      'backstage.io/techdocs-ref': 'dir:.',
    });
    expect(claims.map(c => [c.annotation, c.value, c.specificity])).toEqual([
      ['ai-cost/openai-project-id', 'proj_a', 2],
      ['ai-cost/openai-project-id', 'proj_b', 2],
      ['ai-cost/gcp-labels', 'app=y,team=x', 1],
    ]);
    expect(problems).toEqual([
      {
        entityRef: 'component:default/x',
        annotation: 'ai-cost/anthropic-api-key-id',
        message:
          'ai-cost/anthropic-api-key-id is empty; expected a comma-separated list of ids',
      },
      {
        entityRef: 'component:default/x',
        annotation: 'ai-cost/aws-tags',
        message: 'Invalid ai-cost/aws-tags item "team": expected key=value',
      },
    ]);
  });
});
