export { ExportCsvButton, type ExportCsvButtonProps } from './ExportCsvButton';
