/**
 * Shared types, zod schemas, annotation keys, permissions and the money
 * helper of the AI Cost for Backstage plugins.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './dates';
export * from './money';
export * from './permissions';
export * from './schemas';
