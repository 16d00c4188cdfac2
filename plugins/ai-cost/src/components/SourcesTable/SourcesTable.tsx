import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusRunning,
  Table,
  type TableColumn,
} from '@backstage/core-components';
import type { SourceInfo } from '@ai-cost/plugin-ai-cost-common';

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
    render: source => (source.demo ? `${source.id} (demo data)` : source.id),
  },
  { title: 'Provider', field: 'provider' },
  { title: 'Status', render: source => <SourceStatus source={source} /> },
  { title: 'Fresh through', field: 'freshThrough', emptyValue: '—' },
  {
    title: 'Last success',
    render: source =>
      source.lastSuccessAt
        ? new Date(source.lastSuccessAt).toLocaleString()
        : '—',
  },
  { title: 'Rows', field: 'rowsUpserted', type: 'numeric' },
  { title: 'Last error', field: 'lastError', emptyValue: '—' },
];

/** Billing sources with freshness and last errors. @public */
export function SourcesTable(props: { sources: SourceInfo[] }) {
  return (
    <Table<SourceInfo>
      title="Billing sources"
      options={{ paging: false, search: false, padding: 'dense' }}
      columns={columns}
      data={props.sources}
    />
  );
}
