import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { sources } from '../../__testUtils__/fixtures';
import { rowCells } from '../../__testUtils__/tables';
import { SourcesTable } from './SourcesTable';

describe('SourcesTable', () => {
  it('shows freshness and the last error of each source', async () => {
    await renderInTestApp(<SourcesTable sources={sources} />);
    expect(screen.getByText('Billing sources')).toBeInTheDocument();
    const demo = rowCells('demo-openai (demo data)');
    expect(demo.slice(0, 4)).toEqual([
      'demo-openai (demo data)',
      'openai',
      'Succeeded',
      '2026-11-21',
    ]);
    expect(demo[5]).toBe('720');
    const failed = rowCells('anthropic-prod');
    expect(failed[2]).toBe('Failed');
    expect(failed[6]).toBe('Anthropic answered 401: invalid x-api-key');
  });
});
