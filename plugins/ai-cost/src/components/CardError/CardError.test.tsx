import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { makeResponseError } from '../../__testUtils__/fixtures';
import { CardError } from './CardError';

describe('CardError', () => {
  it('explains a 403 and a 404 without an alert', async () => {
    const { unmount } = await renderInTestApp(
      <CardError
        what="the budget status"
        error={await makeResponseError(
          403,
          'NotAllowedError',
          'Missing permission ai-cost.costs.read',
        )}
      />,
    );
    expect(
      screen.getByText('You may not see the AI costs of this entity.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    unmount();
    await renderInTestApp(
      <CardError
        what="the budget status"
        error={await makeResponseError(404, 'NotFoundError', 'Not found')}
      />,
    );
    expect(
      screen.getByText(
        'AI Cost does not know this entity, or you may not see it.',
      ),
    ).toBeInTheDocument();
  });

  it('shows other errors with the server message and a retry', async () => {
    const onRetry = jest.fn();
    await renderInTestApp(
      <CardError
        what="the anomalies"
        onRetry={onRetry}
        error={await makeResponseError(500, 'Error', 'database is locked')}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Could not load the anomalies: database is locked',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
