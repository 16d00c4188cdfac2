export {
  UnallocatedSpendCard,
  type UnallocatedSpendCardProps,
} from './UnallocatedSpendCard';
