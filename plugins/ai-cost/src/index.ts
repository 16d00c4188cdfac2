/**
 * AI Cost frontend plugin: entity tab, budget and anomaly cards, org page.
 *
 * @packageDocumentation
 */

export { aiCostPlugin, AiCostPage } from './plugin';
export { aiCostApiRef, AiCostClient, type AiCostApi } from './api';
export { rootRouteRef as aiCostRouteRef } from './routes';
