import { unallocatedHint } from './unallocatedHint';

describe('unallocatedHint', () => {
  it('names the annotation and value that claim a claimable item', () => {
    expect(
      unallocatedHint({
        provider: 'openai',
        dimension: 'projectId',
        value: 'proj_experiments',
        claimWith: 'ai-cost/openai-project-id',
      }),
    ).toBe(
      'Add "ai-cost/openai-project-id: proj_experiments" to the catalog-info.yaml of the entity that uses it (append to its comma-separated list if it has one).',
    );
  });

  it('says what to change at the source for spend without any claimable dimension', () => {
    expect(
      unallocatedHint({ provider: 'openai', dimension: 'none', value: '' }),
    ).toMatch(/^OpenAI reports this spend without a project or API key id\./);
    expect(
      unallocatedHint({ provider: 'aws', dimension: 'none', value: '' }),
    ).toContain('ai-cost/aws-account-id');
    // Kubernetes workloads are unallocated by their (unclaimable) workload id.
    const kubernetes = unallocatedHint({
      provider: 'kubernetes',
      dimension: 'resourceId',
      value: 'gpu-east/ml/deployment/notebook',
    });
    expect(kubernetes).toContain('backstage.io/kubernetes-id');
    expect(kubernetes).toContain('ai-cost/kubernetes-namespace');
    expect(kubernetes).toContain('__idle__');
    // Expensed spend of an employee the catalog does not know.
    expect(
      unallocatedHint({
        provider: 'expense',
        dimension: 'userId',
        value: 'stranger@example.com',
      }),
    ).toMatch(/User whose spec.profile.email is that address/);
    expect(
      unallocatedHint({ provider: 'focus', dimension: 'none', value: '' }),
    ).toBe(
      'This focus spend carries no account, project, resource, API key or tag that an annotation could claim. Tag it where it is billed, then claim the tag.',
    );
  });
});
