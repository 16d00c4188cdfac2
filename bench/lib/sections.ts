/** The measurements `yarn bench --only=…` can pick, in the order they run. */
export const SECTIONS = [
  'upsert',
  'attribution',
  'queries',
  'naive',
  'guardrail',
  'push',
] as const;

export type Section = (typeof SECTIONS)[number];
