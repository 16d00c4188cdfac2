import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  allocationRouteRef,
  billedValuesRouteRef,
  chargebackRouteRef,
  planRouteRef,
  subscriptionsRouteRef,
} from '../../routes';
import { OrgPagesMenu } from './OrgPagesMenu';

describe('OrgPagesMenu', () => {
  it('lists the pages the app mounts, in order, each linking to its path', async () => {
    await renderInTestApp(<OrgPagesMenu />, {
      mountedRoutes: {
        '/ai-cost/allocation': allocationRouteRef,
        '/ai-cost/chargeback': chargebackRouteRef,
        '/ai-cost/plan': planRouteRef,
        '/ai-cost/subscriptions': subscriptionsRouteRef,
        '/ai-cost/billed-values': billedValuesRouteRef,
      },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Pages' }));
    const items = screen.getAllByRole('menuitem');
    expect(
      items.map(item => [item.textContent, item.getAttribute('href')]),
    ).toEqual([
      ['Allocation & chargeback readiness', '/ai-cost/allocation'],
      ['Chargeback', '/ai-cost/chargeback'],
      ['Plan', '/ai-cost/plan'],
      ['Subscriptions', '/ai-cost/subscriptions'],
      ['Billed values', '/ai-cost/billed-values'],
    ]);
  });

  it('leaves out pages the app does not mount', async () => {
    await renderInTestApp(<OrgPagesMenu />, {
      mountedRoutes: { '/ai-cost/plan': planRouteRef },
    });
    await userEvent.click(screen.getByRole('button', { name: 'Pages' }));
    expect(screen.getAllByRole('menuitem').map(i => i.textContent)).toEqual([
      'Plan',
    ]);
  });

  it('renders nothing where the app mounts none of them', async () => {
    await renderInTestApp(<OrgPagesMenu />);
    expect(screen.queryByRole('button', { name: 'Pages' })).toBeNull();
  });
});
