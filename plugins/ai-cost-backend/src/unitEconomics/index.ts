export * from './unitCosts';
export * from './unitForecast';
