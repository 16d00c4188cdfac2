import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  type TableColumn,
} from '@backstage/core-components';
import type { SourceInfo } from '@ai-cost/plugin-ai-cost-common';
import { moneyCell, nameCell } from '../../utils/tableStyles';
import { AiCostTable } from '../AiCostTable';

function SourceStatus({ source }: { source: SourceInfo }) {
  switch (source.status) {
    case 'succeeded':
      return <StatusOK>Succeeded</StatusOK>;
    case 'failed':
      return <StatusError>Failed</StatusError>;
    case 'running':
      return <StatusRunning>Running</StatusRunning>;
    default:
      return <StatusPending>Never run</StatusPending>;
  }
}

const columns: TableColumn<SourceInfo>[] = [
  {
    title: 'Source',
    field: 'id',
    cellStyle: nameCell({ noWrap: true }),
    render: source => (source.demo ? `${source.id} (demo data)` : source.id),
  },
  { title: 'Provider', field: 'provider' },
  {
    title: 'Status',
    cellStyle: { whiteSpace: 'nowrap' },
    render: source => <SourceStatus source={source} />,
  },
  {
    title: 'Fresh through',
    field: 'freshThrough',
    emptyValue: '—',
    cellStyle: moneyCell(),
  },
  {
    title: 'Last success',
    render: source =>
      source.lastSuccessAt
        ? new Date(source.lastSuccessAt).toLocaleString()
        : '—',
  },
  {
    title: 'Rows',
    field: 'rowsUpserted',
    type: 'numeric',
    cellStyle: moneyCell(),
  },
  { title: 'Last error', field: 'lastError', emptyValue: '—' },
];

/** Billing sources with freshness and last errors. @public */
export function SourcesTable(props: { sources: SourceInfo[] }) {
  return (
    <AiCostTable<SourceInfo>
      title="Billing sources"
      minWidth={900}
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.sources}
    />
  );
}
