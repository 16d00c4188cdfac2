export { DataTableToggle } from './DataTableToggle';
