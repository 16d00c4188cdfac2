import { attributeUsage, type UsageGroup } from './attributeUsage';
import { ClaimIndex } from './ClaimIndex';
import { claimAnnotationFor, readEntityClaims } from './claims';

/**
 * Kubernetes spend (provider `kubernetes`, from the OpenCost module) as the
 * module stores it: projectId = the workload's backstage.io/kubernetes-id
 * label, accountId = its namespace, resourceId = cluster/namespace/kind/name;
 * idle capacity has neither namespace nor label.
 */
function k8s(partial: Partial<UsageGroup>): UsageGroup {
  return {
    sourceId: 'opencost-prod',
    provider: 'kubernetes',
    date: '2026-11-02',
    model: '',
    lineItem: 'gpu',
    accountId: null,
    projectId: null,
    resourceId: null,
    apiKeyId: null,
    tags: null,
    cost: 0,
    estimatedOnly: 0,
    inputTokens: 0,
    cachedInputTokens: 0,
    cacheWriteTokens: 0,
    outputTokens: 0,
    reasoningTokens: 0,
    requests: 0,
    ...partial,
  };
}

describe('Kubernetes claims', () => {
  it('claims workloads by backstage.io/kubernetes-id and namespaces by ai-cost/kubernetes-namespace', () => {
    const { claims, problems } = readEntityClaims('component:default/llm', {
      'backstage.io/kubernetes-id': 'llm-serve, llm-batch',
      'ai-cost/kubernetes-namespace': 'ml',
    });
    expect(problems).toEqual([]);
    expect(
      claims.map(c => [
        c.annotation,
        c.provider,
        c.dimension,
        c.value,
        c.specificity,
      ]),
    ).toEqual([
      ['backstage.io/kubernetes-id', 'kubernetes', 'projectId', 'llm-serve', 2],
      ['backstage.io/kubernetes-id', 'kubernetes', 'projectId', 'llm-batch', 2],
      ['ai-cost/kubernetes-namespace', 'kubernetes', 'accountId', 'ml', 1],
    ]);
  });

  it('claims backstage.io/kubernetes-namespace only on an entity without backstage.io/kubernetes-id', () => {
    expect(
      readEntityClaims('resource:default/ml-namespace', {
        'backstage.io/kubernetes-namespace': 'ml',
      }).claims.map(c => [c.annotation, c.dimension, c.value]),
    ).toEqual([['backstage.io/kubernetes-namespace', 'accountId', 'ml']]);
    // With a kubernetes-id, Backstage's Kubernetes plugin uses the namespace
    // as a filter: several components share it, and claiming it would split
    // every unlabelled workload in it between them.
    expect(
      readEntityClaims('component:default/llm', {
        'backstage.io/kubernetes-id': 'llm-serve',
        'backstage.io/kubernetes-namespace': 'ml',
      }).claims.map(c => [c.annotation, c.dimension, c.value]),
    ).toEqual([['backstage.io/kubernetes-id', 'projectId', 'llm-serve']]);
    // ai-cost/kubernetes-namespace is an explicit claim and always counts.
    expect(
      readEntityClaims('component:default/llm', {
        'backstage.io/kubernetes-id': 'llm-serve',
        'ai-cost/kubernetes-namespace': 'ml',
      }).claims.map(c => c.annotation),
    ).toEqual(['backstage.io/kubernetes-id', 'ai-cost/kubernetes-namespace']);
  });

  it('suggests ai-cost/kubernetes-namespace for an unclaimed namespace', () => {
    expect(claimAnnotationFor('kubernetes', 'accountId')).toBe(
      'ai-cost/kubernetes-namespace',
    );
    expect(claimAnnotationFor('kubernetes', 'projectId')).toBe(
      'backstage.io/kubernetes-id',
    );
    expect(claimAnnotationFor('kubernetes', 'resourceId')).toBeUndefined();
  });

  it('gives a labelled workload to its component, an unlabelled one to the namespace owner, and leaves idle unallocated', () => {
    const index = new ClaimIndex([
      // Two components in the shared namespace "ml", each with its label,
      // and the Backstage namespace filter (which must not claim "ml").
      ...readEntityClaims('component:default/llm', {
        'backstage.io/kubernetes-id': 'llm-serve',
        'backstage.io/kubernetes-namespace': 'ml',
      }).claims,
      ...readEntityClaims('component:default/trainer', {
        'backstage.io/kubernetes-id': 'trainer',
        'backstage.io/kubernetes-namespace': 'ml',
      }).claims,
      // The team that owns the namespace claims what nobody labelled.
      ...readEntityClaims('group:default/ml-platform', {
        'ai-cost/kubernetes-namespace': 'ml',
      }).claims,
    ]);
    const groups = [
      k8s({
        projectId: 'llm-serve',
        accountId: 'ml',
        resourceId: 'gpu-east/ml/deployment/llm-serve',
        cost: 47_623_450,
      }),
      k8s({
        projectId: 'trainer',
        accountId: 'ml',
        resourceId: 'gpu-east/ml/job/train-nightly',
        cost: 300_000,
      }),
      // Unlabelled notebook in "ml".
      k8s({
        accountId: 'ml',
        resourceId: 'gpu-east/ml/deployment/notebook',
        cost: 3_200_000,
      }),
      // Idle GPU capacity of the cluster.
      k8s({
        resourceId: 'gpu-east/__idle__',
        tags: { cluster: 'gpu-east', idle: 'true' },
        cost: 20_500_000,
      }),
      // Unlabelled, in a namespace nobody claims.
      k8s({
        accountId: 'research',
        resourceId: 'gpu-west/research/statefulset/vllm',
        cost: 30_000_000,
      }),
    ];
    const { attributed, unallocated } = attributeUsage(groups, index);
    expect(
      attributed.map(r => [r.entityRef, r.cost, r.conflict, r.category]),
    ).toEqual([
      ['component:default/llm', 47_623_450, false, 'self-hosted'],
      ['component:default/trainer', 300_000, false, 'self-hosted'],
      ['group:default/ml-platform', 3_200_000, false, 'self-hosted'],
    ]);
    expect(
      unallocated.map(u => [u.provider, u.dimension, u.value, u.cost]),
    ).toEqual([
      ['kubernetes', 'resourceId', 'gpu-east/__idle__', 20_500_000],
      // Listed under its namespace, which an annotation can claim, not
      // under its workload id, which none can.
      ['kubernetes', 'accountId', 'research', 30_000_000],
    ]);
    const sum = (rows: Array<{ cost: number }>) =>
      rows.reduce((t, r) => t + r.cost, 0);
    expect(sum(attributed) + sum(unallocated)).toBe(sum(groups));
  });

  it('splits an unlabelled workload between entities that both claim its namespace', () => {
    const index = new ClaimIndex([
      ...readEntityClaims('resource:default/ml-ns', {
        'backstage.io/kubernetes-namespace': 'ml',
      }).claims,
      ...readEntityClaims('group:default/ml-platform', {
        'ai-cost/kubernetes-namespace': 'ml',
      }).claims,
    ]);
    expect(index.resolve(k8s({ accountId: 'ml' }))).toEqual({
      kind: 'claimed',
      entityRefs: ['group:default/ml-platform', 'resource:default/ml-ns'],
      specificity: 1,
    });
  });
});
