import { screen, within } from '@testing-library/react';

/** The text of every cell of the table row whose first cell reads `first`. */
export function rowCells(
  first: string,
  container: HTMLElement = document.body,
) {
  const row = within(container)
    .getAllByRole('row')
    .find(r => {
      const cells = within(r).queryAllByRole('cell');
      return cells.length > 0 && cells[0].textContent === first;
    });
  if (!row) {
    throw new Error(
      `No row starts with "${first}"; rows: ${screen
        .getAllByRole('row')
        .map(r => r.textContent)
        .join(' | ')}`,
    );
  }
  return within(row)
    .getAllByRole('cell')
    .map(cell => cell.textContent);
}
