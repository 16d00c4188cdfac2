export { OrgForecastCard } from './OrgForecastCard';
