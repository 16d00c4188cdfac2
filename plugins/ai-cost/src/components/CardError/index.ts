export { CardError, type CardErrorProps } from './CardError';
