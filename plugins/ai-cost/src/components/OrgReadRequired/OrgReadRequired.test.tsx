import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { OrgReadRequired } from './OrgReadRequired';

describe('OrgReadRequired', () => {
  it('names the missing permission', async () => {
    await renderInTestApp(<OrgReadRequired />);
    expect(screen.getByText('ai-cost.org.read')).toBeInTheDocument();
    expect(
      screen.getByText('Organization-wide AI costs need a permission'),
    ).toBeInTheDocument();
  });
});
