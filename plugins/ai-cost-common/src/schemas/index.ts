export * from './common';
export * from './pages';
export * from './costs';
export * from './sources';
export * from './budgets';
export * from './anomalies';
export * from './push';
export * from './recommendations';
