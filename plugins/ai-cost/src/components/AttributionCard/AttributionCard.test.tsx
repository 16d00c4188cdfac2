import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { makeAttributionStatus } from '../../__testUtils__/fixtures';
import { AttributionCard } from './AttributionCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('AttributionCard', () => {
  it('shows conflicts and annotation problems', async () => {
    await renderInTestApp(
      <AttributionCard status={makeAttributionStatus()} loading={false} />,
      { mountedRoutes },
    );
    expect(
      screen.getByText(
        /^12 of 42 catalog entities claim spend through 17 claims\./,
      ),
    ).toBeInTheDocument();

    const conflicts = screen.getByRole('list', { name: 'Conflicting claims' });
    expect(
      within(conflicts).getByText('OpenAI API key key_shared_eval'),
    ).toBeInTheDocument();
    expect(
      within(conflicts).getByRole('link', { name: 'query-rewriter' }),
    ).toHaveAttribute('href', '/catalog/default/component/query-rewriter');
    expect(
      within(conflicts).getByRole('link', { name: 'ticket-summarizer' }),
    ).toBeInTheDocument();

    const problems = screen.getByRole('list', { name: 'Annotation problems' });
    expect(within(problems).getByText('ai-cost/aws-tags')).toBeInTheDocument();
    expect(
      within(problems).getByText(
        'Invalid ai-cost/aws-tags item "team": expected key=value',
      ),
    ).toBeInTheDocument();
    expect(
      within(problems).getByRole('link', { name: 'insights-etl' }),
    ).toBeInTheDocument();
  });

  it('says when all is well, and when the index is not built yet', async () => {
    await renderInTestApp(
      <>
        <AttributionCard
          status={makeAttributionStatus({ conflicts: [], problems: [] })}
          loading={false}
        />
        <AttributionCard
          status={makeAttributionStatus({
            builtAt: null,
            conflicts: [],
            problems: [],
          })}
          loading={false}
        />
      </>,
    );
    expect(
      screen.getAllByText('No conflicting claims and no annotation problems.'),
    ).toHaveLength(2);
    expect(
      screen.getByText(/The annotation index has not been built yet/),
    ).toBeInTheDocument();
  });
});
