export { ChildCostsCard, type ChildCostsCardProps } from './ChildCostsCard';
