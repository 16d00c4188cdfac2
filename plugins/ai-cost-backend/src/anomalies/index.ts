export * from './breakdowns';
export * from './detectAnomalies';
export * from './groupOngoing';
export * from './rankRootCauses';
export * from './severity';
export * from './thresholds';
export * from './AnomalyThresholdService';
