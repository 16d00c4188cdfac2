/**
 * The AI Cost backend plugin for Backstage.
 *
 * @packageDocumentation
 */

export { aiCostPlugin as default } from './plugin';
