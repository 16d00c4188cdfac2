export { RollupCard, type RollupCardProps } from './RollupCard';
