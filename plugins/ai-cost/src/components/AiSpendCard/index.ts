export { AiSpendCard } from './AiSpendCard';
