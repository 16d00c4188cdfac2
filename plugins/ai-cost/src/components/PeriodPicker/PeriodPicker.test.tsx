import { renderInTestApp } from '@backstage/test-utils';
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLocation } from 'react-router-dom';
import { usePeriod } from '../../hooks';
import { now } from '../../__testUtils__/fixtures';
import { PeriodPicker } from './PeriodPicker';

function Harness() {
  const { period, today, setPreset, setCustom } = usePeriod({ now });
  const location = useLocation();
  return (
    <>
      <PeriodPicker
        period={period}
        today={today}
        onPresetChange={setPreset}
        onCustomChange={setCustom}
      />
      <output data-testid="search">{location.search}</output>
      <output data-testid="window">
        {period.from}..{period.to}
      </output>
    </>
  );
}

const search = () => screen.getByTestId('search').textContent;
const window = () => screen.getByTestId('window').textContent;

describe('PeriodPicker', () => {
  it('defaults to the last 30 days ending today (UTC)', async () => {
    await renderInTestApp(<Harness />);
    expect(screen.getByLabelText('Period')).toHaveValue('30d');
    expect(
      screen.getByText('2026-10-24 – 2026-11-22 (UTC)'),
    ).toBeInTheDocument();
    expect(window()).toBe('2026-10-24..2026-11-22');
  });

  it('reads the period from the URL', async () => {
    await renderInTestApp(<Harness />, { routeEntries: ['/?period=7d'] });
    expect(screen.getByLabelText('Period')).toHaveValue('7d');
    expect(window()).toBe('2026-11-16..2026-11-22');
  });

  it('writes a preset to the URL, keeping other parameters', async () => {
    await renderInTestApp(<Harness />, {
      routeEntries: ['/?groupBy=model&from=2026-09-01&to=2026-09-30'],
    });
    await userEvent.selectOptions(
      screen.getByLabelText('Period'),
      'last-month',
    );
    expect(search()).toBe('?groupBy=model&period=last-month');
    expect(window()).toBe('2026-10-01..2026-10-31');
  });

  it('switches to a custom range and edits it', async () => {
    await renderInTestApp(<Harness />, { routeEntries: ['/?period=7d'] });
    await userEvent.selectOptions(screen.getByLabelText('Period'), 'custom');
    expect(search()).toBe('?from=2026-11-16&to=2026-11-22');
    expect(screen.getByLabelText('Period')).toHaveValue('custom');

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-11-01' },
    });
    expect(search()).toBe('?from=2026-11-01&to=2026-11-22');
    expect(window()).toBe('2026-11-01..2026-11-22');
  });

  it('explains an invalid custom range and does not keep the old one', async () => {
    await renderInTestApp(<Harness />, {
      routeEntries: ['/?from=2026-11-01&to=2026-11-10'],
    });
    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-11-15' },
    });
    expect(screen.getByText('From must not be after To')).toBeInTheDocument();
    expect(search()).toBe('?from=2026-11-15&to=2026-11-10');
    expect(window()).toBe('2026-11-15..2026-11-10');

    fireEvent.change(screen.getByLabelText('From'), {
      target: { value: '2026-11-05' },
    });
    expect(screen.queryByText('From must not be after To')).toBeNull();
    fireEvent.change(screen.getByLabelText('To'), {
      target: { value: '2026-11-30' },
    });
    expect(screen.getByText('To must not be after today')).toBeInTheDocument();
    expect(search()).toBe('?from=2026-11-05&to=2026-11-30');
  });
});
