import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { RollupItemName, rollupItemLabel } from './RollupItemName';

const item = { cost: 1, previousCost: 0 };

describe('rollupItemLabel', () => {
  it('names providers, models and spend outside any group', () => {
    expect(rollupItemLabel({ ...item, key: 'anthropic' }, 'provider')).toBe(
      'Anthropic',
    );
    expect(rollupItemLabel({ ...item, key: 'openai/gpt-4o' }, 'model')).toBe(
      'gpt-4o (OpenAI)',
    );
    expect(rollupItemLabel({ ...item, key: 'aws/meta/llama3' }, 'model')).toBe(
      'meta/llama3 (AWS)',
    );
    expect(rollupItemLabel({ ...item, key: 'openai/' }, 'model')).toBe(
      'OpenAI (no model)',
    );
    expect(rollupItemLabel({ ...item, key: '(none)' }, 'owner')).toBe(
      'No owner',
    );
    expect(rollupItemLabel({ ...item, key: '(none)' }, 'system')).toBe(
      'Not part of a system',
    );
  });
});

describe('rollupItemLabel by allocation tag', () => {
  it('shows values as they are and names spend without one', () => {
    expect(
      rollupItemLabel({ ...item, key: 'production' }, 'tag:environment'),
    ).toBe('production');
    expect(rollupItemLabel({ ...item, key: '(none)' }, 'tag:feature')).toBe(
      '(none)',
    );
    expect(rollupItemLabel({ ...item, key: null }, 'tag:environment')).toBe(
      'No environment',
    );
    expect(rollupItemLabel({ ...item, key: null }, 'tag:cost-center')).toBe(
      'No cost center',
    );
  });

  it('counts the values folded past the top ones', () => {
    expect(
      rollupItemLabel(
        { ...item, key: null, otherValues: 1250 },
        'tag:customer',
      ),
    ).toBe('1,250 other values');
    expect(
      rollupItemLabel({ ...item, key: null, otherValues: 1 }, 'tag:customer'),
    ).toBe('1 other value');
  });
});

describe('RollupItemName', () => {
  it('names spend without a tag value', async () => {
    await renderInTestApp(
      <RollupItemName
        groupBy="tag:environment"
        item={{ ...item, key: null }}
      />,
    );
    expect(screen.getByText('No environment')).toBeInTheDocument();
  });

  it('links entities to their AI Cost tab with the selected period', async () => {
    await renderInTestApp(
      <RollupItemName
        groupBy="owner"
        item={{
          ...item,
          key: 'group:default/search-team',
          entityRef: 'group:default/search-team',
          title: 'Search Team',
        }}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        routeEntries: ['/ai-cost?period=90d&group=owner'],
      },
    );
    expect(screen.getByRole('link', { name: 'Search Team' })).toHaveAttribute(
      'href',
      '/catalog/default/group/search-team/ai-cost?period=90d',
    );
  });

  it('keeps a custom window in the link', async () => {
    await renderInTestApp(
      <RollupItemName
        groupBy="system"
        item={{
          ...item,
          key: 'system:default/search',
          entityRef: 'system:default/search',
          title: 'Search',
        }}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        routeEntries: ['/ai-cost?from=2026-09-01&to=2026-09-30'],
      },
    );
    expect(screen.getByRole('link', { name: 'Search' })).toHaveAttribute(
      'href',
      '/catalog/default/system/search/ai-cost?from=2026-09-01&to=2026-09-30',
    );
  });
});
