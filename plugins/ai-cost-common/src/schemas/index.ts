export * from './common';
export * from './costs';
export * from './sources';
export * from './budgets';
export * from './anomalies';
