import {
  microsToNumber,
  type FocusSkipped,
} from '@ai-cost/plugin-ai-cost-common';
import type { FocusRow } from './focus';

/** The service name skipped rows without a ServiceName are counted under. */
export const NO_SERVICE = '(none)';

/** Rows of an import left out, per service; money in micro-units. */
export interface SkippedSummary {
  rows: number;
  billedCost: number;
  /** Most money first (by absolute amount), then by name. */
  services: Array<{ serviceName: string; rows: number; billedCost: number }>;
}

/** Counts the rows an import leaves out, per ServiceName. */
export class SkippedRows {
  readonly #services = new Map<string, { rows: number; billedCost: number }>();
  rows = 0;
  billedCost = 0;

  add(row: FocusRow) {
    const name = row.serviceName ?? NO_SERVICE;
    const service = this.#services.get(name) ?? { rows: 0, billedCost: 0 };
    service.rows += 1;
    service.billedCost += row.billedCost;
    this.#services.set(name, service);
    this.rows += 1;
    this.billedCost += row.billedCost;
  }

  summary(): SkippedSummary {
    const services = [...this.#services.entries()]
      .map(([serviceName, s]) => ({ serviceName, ...s }))
      .sort(
        (a, b) =>
          Math.abs(b.billedCost) - Math.abs(a.billedCost) ||
          a.serviceName.localeCompare(b.serviceName),
      );
    return { rows: this.rows, billedCost: this.billedCost, services };
  }

  /** The summary with money in currency units, as the API answers it. */
  toResponse(): FocusSkipped {
    const { rows, billedCost, services } = this.summary();
    return {
      rows,
      billedCost: microsToNumber(billedCost),
      services: services.map(s => ({
        ...s,
        billedCost: microsToNumber(s.billedCost),
      })),
    };
  }
}
