import type { Entity } from '@backstage/catalog-model';
import { addToSnapshot, type CatalogSnapshot } from './catalogSnapshot';

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
  };
}

describe('addToSnapshot: ai-cost/anomaly-threshold', () => {
  it('keeps the raw annotation on the entity', () => {
    const snapshot: CatalogSnapshot = {
      entities: [],
      claims: [],
      problems: [],
    };
    addToSnapshot(
      snapshot,
      component('search', { 'ai-cost/anomaly-threshold': '50 USD, 30%' }),
    );
    expect(snapshot.entities[0].anomalyThreshold).toBe('50 USD, 30%');
    expect(snapshot.problems).toEqual([]);
  });

  it('reports an unreadable annotation as a problem, not a failure', () => {
    const snapshot: CatalogSnapshot = {
      entities: [],
      claims: [],
      problems: [],
    };
    addToSnapshot(
      snapshot,
      component('search', { 'ai-cost/anomaly-threshold': '50 USD, lots' }),
    );
    expect(snapshot.entities).toHaveLength(1);
    expect(snapshot.problems).toEqual([
      {
        entityRef: 'component:default/search',
        annotation: 'ai-cost/anomaly-threshold',
        message: expect.stringContaining(
          'Invalid ai-cost/anomaly-threshold part "lots"',
        ),
      },
    ]);
  });
});
