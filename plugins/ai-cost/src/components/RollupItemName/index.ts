export { RollupItemName, rollupItemLabel } from './RollupItemName';
