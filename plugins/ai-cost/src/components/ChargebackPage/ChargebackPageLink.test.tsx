import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { chargebackRouteRef } from '../../routes';
import { ChargebackPageLink } from './ChargebackPageLink';

describe('ChargebackPageLink', () => {
  it('links to the chargeback page where the app mounts it', async () => {
    await renderInTestApp(<ChargebackPageLink />, {
      mountedRoutes: { '/ai-cost/chargeback': chargebackRouteRef },
    });
    expect(screen.getByRole('button', { name: 'Chargeback' })).toHaveAttribute(
      'href',
      '/ai-cost/chargeback',
    );
  });

  it('renders nothing where the app does not mount it', async () => {
    await renderInTestApp(<ChargebackPageLink />);
    expect(screen.queryByText('Chargeback')).not.toBeInTheDocument();
  });
});
