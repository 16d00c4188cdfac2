export * from './backtest';
export * from './dailySeries';
export * from './forecastPeriod';
export * from './monthForecast';
export * from './periods';
export * from './robustStats';
export * from './trend';
