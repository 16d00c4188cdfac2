export {
  AllocationPage,
  type AiCostAllocationPageProps,
} from './AllocationPage';
