export { ClaimsCard, type ClaimsCardProps } from './ClaimsCard';
