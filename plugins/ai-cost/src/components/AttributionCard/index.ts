export { AttributionCard, type AttributionCardProps } from './AttributionCard';
