import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, textContentMatcher } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { ClaimsCard } from './ClaimsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('ClaimsCard', () => {
  it('lists claims and shows who a claim is split with', async () => {
    await renderInTestApp(
      <ClaimsCard claims={makeEntityCosts().claims} kind="Component" />,
      { mountedRoutes },
    );
    expect(
      screen.getByText('OpenAI API key key_query_rewriter'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('OpenAI API key key_shared_eval'),
    ).toBeInTheDocument();
    expect(screen.getAllByText('ai-cost/openai-api-key-id')).toHaveLength(2);
    expect(
      screen.getByText(
        textContentMatcher('Split evenly with ticket-summarizer'),
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'ticket-summarizer' }),
    ).toHaveAttribute('href', '/catalog/default/component/ticket-summarizer');
  });

  it('explains an entity that claims nothing itself', async () => {
    await renderInTestApp(<ClaimsCard claims={[]} kind="Group" />, {
      mountedRoutes,
    });
    expect(
      screen.getByText(
        'This group claims no spend itself; its total comes from its children.',
      ),
    ).toBeInTheDocument();
  });
});
