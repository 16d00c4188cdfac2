export {
  UnitEconomicsCard,
  type UnitEconomicsCardProps,
} from './UnitEconomicsCard';
