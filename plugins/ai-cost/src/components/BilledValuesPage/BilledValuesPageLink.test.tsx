import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { billedValuesRouteRef } from '../../routes';
import { BilledValuesPageLink } from './BilledValuesPageLink';

describe('BilledValuesPageLink', () => {
  it('links to the billed values page where the app mounts it', async () => {
    await renderInTestApp(<BilledValuesPageLink />, {
      mountedRoutes: { '/ai-cost/billed-values': billedValuesRouteRef },
    });
    expect(
      screen.getByRole('button', { name: 'Billed values' }),
    ).toHaveAttribute('href', '/ai-cost/billed-values');
  });

  it('renders nothing where the app does not mount it', async () => {
    await renderInTestApp(<BilledValuesPageLink />);
    expect(screen.queryByText('Billed values')).not.toBeInTheDocument();
  });
});
