export {
  TagEconomicsCard,
  type TagEconomicsCardProps,
} from './TagEconomicsCard';
export type { EconomicsTag } from './economicsRows';
