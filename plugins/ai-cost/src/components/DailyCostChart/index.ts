export { DailyCostChart, type DailyCostChartProps } from './DailyCostChart';
