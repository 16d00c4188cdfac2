import type { Entity } from '@backstage/catalog-model';
import { attributeUsage, type UsageGroup } from './attributeUsage';
import {
  addToSnapshot,
  SNAPSHOT_FIELDS,
  type CatalogSnapshot,
} from './catalogSnapshot';
import { ClaimIndex } from './ClaimIndex';
import { emptyAmounts } from './usageAmounts';

function user(
  name: string,
  email: string | undefined,
  groups: string[],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: email ? { email } : {}, memberOf: groups },
    relations: groups.map(targetRef => ({ type: 'memberOf', targetRef })),
  };
}

function snapshotOf(entities: Entity[]): CatalogSnapshot {
  const snapshot: CatalogSnapshot = { entities: [], claims: [], problems: [] };
  for (const entity of entities) addToSnapshot(snapshot, entity);
  return snapshot;
}

function expenseGroup(userId: string, cost: number): UsageGroup {
  return {
    ...emptyAmounts(),
    sourceId: 'expenses',
    provider: 'expense',
    accountId: null,
    projectId: null,
    resourceId: null,
    apiKeyId: null,
    userId,
    tags: { vendor: 'OpenAI' },
    date: '2026-11-03',
    model: 'OpenAI',
    cost,
  };
}

describe('expense claims of catalog Users', () => {
  const snapshot = snapshotOf([
    user('jane', 'Jane.Doe@Example.com', [
      'group:default/team-a',
      'group:default/team-b',
    ]),
    user('solo', 'solo@example.com', []),
    user('noemail', undefined, ['group:default/team-a']),
  ]);

  it('fetches the e-mail from the catalog', () => {
    expect(SNAPSHOT_FIELDS).toContain('spec.profile.email');
  });

  it("lets each of a user's groups claim their e-mail and ref; a user in no group claims itself", () => {
    expect(
      snapshot.claims.map(c => [
        c.entityRef,
        c.annotation,
        c.provider,
        c.dimension,
        c.value,
        c.specificity,
      ]),
    ).toEqual([
      [
        'group:default/team-a',
        'spec.profile.email',
        'expense',
        'userId',
        'user:default/jane',
        3,
      ],
      [
        'group:default/team-a',
        'spec.profile.email',
        'expense',
        'userId',
        'jane.doe@example.com',
        3,
      ],
      [
        'group:default/team-b',
        'spec.profile.email',
        'expense',
        'userId',
        'user:default/jane',
        3,
      ],
      [
        'group:default/team-b',
        'spec.profile.email',
        'expense',
        'userId',
        'jane.doe@example.com',
        3,
      ],
      [
        'user:default/solo',
        'spec.profile.email',
        'expense',
        'userId',
        'user:default/solo',
        3,
      ],
      [
        'user:default/solo',
        'spec.profile.email',
        'expense',
        'userId',
        'solo@example.com',
        3,
      ],
      [
        'group:default/team-a',
        'spec.profile.email',
        'expense',
        'userId',
        'user:default/noemail',
        3,
      ],
    ]);
  });

  it('splits a user in two groups evenly (largest remainder), not as a conflict', () => {
    const index = new ClaimIndex(snapshot.claims);
    expect(index.conflicts()).toEqual([]);
    const { attributed, unallocated } = attributeUsage(
      [
        expenseGroup('jane.doe@example.com', 20_000_001),
        expenseGroup('user:default/solo', 5_000_000),
        expenseGroup('stranger@example.com', 7_000_000),
      ],
      index,
    );
    expect(
      attributed.map(r => [r.entityRef, r.cost, r.conflict]).sort(),
    ).toEqual([
      ['group:default/team-a', 10_000_001, false],
      ['group:default/team-b', 10_000_000, false],
      ['user:default/solo', 5_000_000, false],
    ]);
    expect(unallocated.map(r => [r.dimension, r.value, r.cost])).toEqual([
      ['userId', 'stranger@example.com', 7_000_000],
    ]);
  });

  it('matches the userId only for expensed spend', () => {
    const index = new ClaimIndex(snapshot.claims);
    expect(
      index.resolve({
        provider: 'gateway',
        accountId: null,
        projectId: null,
        resourceId: null,
        apiKeyId: null,
        userId: 'jane.doe@example.com',
        tags: null,
      }),
    ).toMatchObject({ kind: 'unallocated' });
  });

  it('keeps the raw ai-cost/vendor annotation on the entity', () => {
    const s = snapshotOf([
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: {
          name: 'chatgpt-enterprise',
          annotations: { 'ai-cost/vendor': 'OpenAI, Cursor' },
        },
        spec: { type: 'ai-tool' },
      },
    ]);
    expect(s.entities[0].vendors).toBe('OpenAI, Cursor');
  });
});

describe('unallocated users', () => {
  it('reports only expensed spend under userId', () => {
    const index = new ClaimIndex([]);
    const base = {
      accountId: null,
      projectId: null,
      resourceId: null,
      apiKeyId: null,
      userId: 'alice@example.com',
      tags: null,
    };
    expect(index.resolve({ ...base, provider: 'expense' })).toEqual({
      kind: 'unallocated',
      dimension: 'userId',
      value: 'alice@example.com',
    });
    expect(index.resolve({ ...base, provider: 'gateway' })).toEqual({
      kind: 'unallocated',
      dimension: 'none',
      value: '',
    });
  });
});
