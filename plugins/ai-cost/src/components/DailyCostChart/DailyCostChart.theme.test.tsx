import { cloneElement, type ReactElement } from 'react';
import { ThemeProvider, createTheme } from '@material-ui/core/styles';
import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { makeEntityCosts } from '../../__testUtils__/fixtures';
import { DailyCostChart } from './DailyCostChart';

// jsdom lays nothing out: give the chart a size so its legend renders.
jest.mock('recharts', () => {
  const actual = jest.requireActual('recharts');
  return {
    ...actual,
    ResponsiveContainer: ({ children }: { children: ReactElement }) =>
      cloneElement(children, { width: 800, height: 280 }),
  };
});

describe('DailyCostChart in a dark theme', () => {
  it('writes legend and axis text in the text colours, not the series colours', async () => {
    const dark = createTheme({ palette: { type: 'dark' } });
    await renderInTestApp(
      <ThemeProvider theme={dark}>
        <DailyCostChart costs={makeEntityCosts()} />
      </ThemeProvider>,
    );
    const legend = document.querySelector('.recharts-legend-wrapper')!;
    const label = [...legend.querySelectorAll('span')].find(
      span => span.textContent === 'gpt-4o' && span.children.length === 0,
    )!;
    expect(label).toHaveStyle({ color: dark.palette.text.primary });
    const tick = document.querySelector('.recharts-cartesian-axis-tick text');
    expect(tick).toHaveAttribute('fill', dark.palette.text.secondary);
    expect(screen.getByRole('figure')).toBeInTheDocument();
  });
});
