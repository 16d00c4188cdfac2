export { ShadowAiCard, type ShadowAiCardProps } from './ShadowAiCard';
