import { EntityGraph, type EntityNode } from '../attribution/EntityGraph';
import { childBreakdown, childTotalsOutsideSubtree } from './childBreakdown';

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

// Team A owns system s and its part x; team B owns s's other part y.
const graph = new EntityGraph([
  node('group:default/team-a'),
  node('group:default/team-b'),
  node('system:default/s', { ownerRef: 'group:default/team-a' }),
  node('component:default/x', {
    ownerRef: 'group:default/team-a',
    partOf: ['system:default/s'],
  }),
  node('component:default/y', {
    ownerRef: 'group:default/team-b',
    partOf: ['system:default/s'],
  }),
]);

describe('childBreakdown', () => {
  it("gives each child's own total beside what it contributes here", () => {
    const self = 'group:default/team-a';
    const subtree = new Set([self, ...graph.descendants(self)]);
    // y counts under team B, but makes up part of system s's own total.
    expect(childTotalsOutsideSubtree(graph, self, subtree)).toEqual([
      'component:default/y',
    ]);
    const result = childBreakdown({
      graph,
      entityRef: self,
      costOf: new Map([
        ['system:default/s', 500_000],
        ['component:default/x', 3_000_000],
        ['component:default/y', 1_250_001],
      ]),
      visibleChildren: new Set(graph.children(self)),
    });
    expect(result.byChild).toEqual([
      // x: $3.00 here and on its own page.
      {
        entityRef: 'component:default/x',
        kind: 'Component',
        cost: 3,
        total: 3,
      },
      // s: its own $0.50 here (x is listed itself); $0.50 + $3.00 + $1.250001
      // on its own page.
      {
        entityRef: 'system:default/s',
        kind: 'System',
        cost: 0.5,
        total: 4.750001,
      },
    ]);
  });
});
