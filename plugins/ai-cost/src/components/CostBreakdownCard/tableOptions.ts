import type { TableProps } from '@backstage/core-components';

/** Options shared by the breakdown tables: small, no paging or search, flat inside the card. */
export const breakdownTableProps: {
  options: TableProps['options'];
  flat: true;
} = {
  options: { paging: false, search: false, padding: 'dense' },
  flat: true,
};
