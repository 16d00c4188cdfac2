import { makeAttributionValues } from '../../__testUtils__/attributionFixtures';
import { claimStateOf, filterValues, snippetAnnotation } from './billedValues';

describe('billed values', () => {
  const { items } = makeAttributionValues();

  it('tells unclaimed, claimed and conflicting values apart', () => {
    expect(items.map(claimStateOf)).toEqual([
      'claimed',
      'unclaimed',
      'conflict',
      'unclaimed',
    ]);
  });

  it('reads the annotation of a snippet', () => {
    expect(
      snippetAnnotation('ai-cost/openai-project-id: "proj_experiments"'),
    ).toBe('ai-cost/openai-project-id');
    expect(snippetAnnotation(null)).toBeUndefined();
  });

  it('filters by dimension and claim state, and cuts at the maximum', () => {
    expect(
      filterValues(items, { state: 'unclaimed' }, 100, false).items.map(
        v => v.value,
      ),
    ).toEqual(['proj_experiments', 'environment=dev']);
    expect(filterValues(items, { dimension: 'projectId' }, 1, false)).toEqual({
      items: [items[0]],
      truncated: true,
    });
    expect(filterValues(items, {}, 100, true).truncated).toBe(true);
    expect(filterValues(items, {}, 100, false)).toEqual({
      items,
      truncated: false,
    });
  });
});
