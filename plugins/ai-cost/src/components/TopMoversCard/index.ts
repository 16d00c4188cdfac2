export {
  TopMoversCard,
  topMovers,
  type TopMoversCardProps,
} from './TopMoversCard';
