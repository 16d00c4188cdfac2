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

  it('names the split rule that divides a claimed key instead of the claims', async () => {
    const claims = makeEntityCosts().claims.map(claim =>
      claim.value === 'key_shared_eval'
        ? { ...claim, splitRule: { id: 'shared-eval-key', method: 'fixed' } }
        : claim,
    );
    await renderInTestApp(<ClaimsCard claims={claims} kind="Component" />, {
      mountedRoutes,
    });
    expect(
      screen.getByText(
        textContentMatcher(
          'Split by allocation rule shared-eval-key (Fixed weights)',
        ),
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/Split evenly with/)).not.toBeInTheDocument();
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

describe('ClaimsCard claim states', () => {
  const claim = (provider: string, value: string) => ({
    annotation: `ai-cost/${provider}-id`,
    provider,
    dimension: 'accountId',
    value,
    conflictsWith: [],
  });

  it('says why a claim matches nothing, and when a working one was last billed', async () => {
    const claims = [
      claim('aws', '111122223333'),
      claim('openai', 'proj_typo'),
      claim('anthropic', 'wrk_ok'),
    ];
    await renderInTestApp(
      <ClaimsCard
        kind="Component"
        claims={claims}
        states={[
          {
            ...claims[0],
            sourceConfigured: false,
            seen: false,
            lastSeen: null,
          },
          { ...claims[1], sourceConfigured: true, seen: false, lastSeen: null },
          {
            ...claims[2],
            sourceConfigured: true,
            seen: true,
            lastSeen: '2026-11-02',
          },
        ]}
      />,
    );
    expect(
      screen.getByText(
        'No AWS source is configured, so this claim cannot match any spend yet.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'OpenAI billing has never reported proj_typo; check the value.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('Last billed 2026-11-02.')).toBeInTheDocument();
  });

  it('shows the claims alone while their states load', async () => {
    await renderInTestApp(
      <ClaimsCard kind="Component" claims={[claim('aws', '111122223333')]} />,
    );
    expect(screen.queryByText(/source is configured/)).not.toBeInTheDocument();
  });
});
