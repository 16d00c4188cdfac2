import { EntityGraph, type EntityNode } from './EntityGraph';

function node(
  entityRef: string,
  rest: Partial<Omit<EntityNode, 'entityRef'>> = {},
): EntityNode {
  const kind = entityRef.split(':')[0];
  return {
    entityRef,
    kind: kind[0].toUpperCase() + kind.slice(1),
    partOf: [],
    childOf: [],
    ...rest,
  };
}

const graph = new EntityGraph([
  node('group:default/org'),
  node('group:default/team-a', { childOf: ['group:default/org'] }),
  node('group:default/team-b', { childOf: ['group:default/org'] }),
  node('domain:default/d', { ownerRef: 'group:default/org' }),
  node('system:default/s', {
    ownerRef: 'group:default/team-a',
    partOf: ['domain:default/d'],
  }),
  node('component:default/x', {
    ownerRef: 'group:default/team-a',
    partOf: ['system:default/s'],
  }),
  node('component:default/y', {
    ownerRef: 'group:default/team-b',
    partOf: ['system:default/s'],
  }),
  node('component:default/y-sub', {
    ownerRef: 'group:default/team-b',
    partOf: ['component:default/y'],
  }),
  node('component:default/mine', { ownerRef: 'user:default/alice' }),
  // A cycle must not hang anything.
  node('group:default/loop-1', { childOf: ['group:default/loop-2'] }),
  node('group:default/loop-2', { childOf: ['group:default/loop-1'] }),
]);

describe('EntityGraph', () => {
  it('rolls parts up to systems and domains', () => {
    expect([...graph.descendants('system:default/s')].sort()).toEqual([
      'component:default/x',
      'component:default/y',
      'component:default/y-sub',
    ]);
    expect([...graph.descendants('domain:default/d')].sort()).toEqual([
      'component:default/x',
      'component:default/y',
      'component:default/y-sub',
      'system:default/s',
    ]);
    expect(graph.systemOf('component:default/y-sub')).toBe('system:default/s');
    expect(graph.domainOf('component:default/x')).toBe('domain:default/d');
    expect(graph.domainOf('system:default/s')).toBe('domain:default/d');
  });

  it('follows ownership only under groups, through child groups', () => {
    expect([...graph.descendants('group:default/team-a')].sort()).toEqual([
      'component:default/x',
      'system:default/s',
    ]);
    expect([...graph.descendants('group:default/org')].sort()).toEqual([
      'component:default/x',
      'component:default/y',
      'component:default/y-sub',
      'domain:default/d',
      'group:default/team-a',
      'group:default/team-b',
      'system:default/s',
    ]);
    expect(graph.children('user:default/alice')).toEqual([
      'component:default/mine',
    ]);
  });

  it('counts an owned system alone under its team, but whole under its domain', () => {
    expect([
      ...graph.contributionOf('group:default/team-a', 'system:default/s'),
    ]).toEqual(['system:default/s']);
    expect(
      [...graph.contributionOf('domain:default/d', 'system:default/s')].sort(),
    ).toHaveLength(4);
    expect(
      [
        ...graph.contributionOf('group:default/org', 'group:default/team-b'),
      ].sort(),
    ).toEqual([
      'component:default/y',
      'component:default/y-sub',
      'group:default/team-b',
    ]);
  });

  it('tolerates cycles', () => {
    expect([...graph.descendants('group:default/loop-1')]).toEqual([
      'group:default/loop-2',
    ]);
  });
});
