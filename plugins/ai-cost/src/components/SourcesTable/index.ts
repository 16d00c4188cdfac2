export { SourcesTable } from './SourcesTable';
export { SourcesSection } from './SourcesSection';
