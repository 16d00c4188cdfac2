export { SourcesTable } from './SourcesTable';
