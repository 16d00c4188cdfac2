import type { TableProps } from '@backstage/core-components';

/** Options shared by the breakdown tables: small, no paging or search, flat inside the card. */
export const breakdownTableProps: Pick<TableProps, 'options' | 'style'> = {
  options: { paging: false, search: false, padding: 'dense', draggable: false },
  style: { boxShadow: 'none' },
};
