import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { allocationRouteRef } from '../../routes';
import { AllocationPageLink } from './AllocationPageLink';

describe('AllocationPageLink', () => {
  it('links to the allocation page where the app mounts it', async () => {
    await renderInTestApp(<AllocationPageLink />, {
      mountedRoutes: { '/ai-cost/allocation': allocationRouteRef },
    });
    expect(
      screen.getByRole('button', {
        name: 'Allocation & chargeback readiness',
      }),
    ).toHaveAttribute('href', '/ai-cost/allocation');
  });

  it('renders nothing where the app does not mount it', async () => {
    await renderInTestApp(<AllocationPageLink />);
    expect(
      screen.queryByText('Allocation & chargeback readiness'),
    ).not.toBeInTheDocument();
  });
});
