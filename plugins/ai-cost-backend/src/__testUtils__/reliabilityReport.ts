import fs from 'node:fs';
import path from 'node:path';

/**
 * Keeps the figures a reliability test measured (faults injected, inputs
 * tried, requests per second) for `docs/reliability.md`. Written only when
 * `AI_COST_RELIABILITY_REPORT_DIR` is set, as `<dir>/<name>.json`; the
 * tests never assert on timings.
 */
export function writeReliabilityFigures(name: string, figures: unknown) {
  const dir = process.env.AI_COST_RELIABILITY_REPORT_DIR;
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, `${name}.json`),
    `${JSON.stringify(figures, null, 2)}\n`,
  );
}
