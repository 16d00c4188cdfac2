import type { PolicyException } from '@ai-cost/plugin-ai-cost-common';
import type { EntityModelPolicy, ModelCheck } from './modelPolicy';
import { matchesAnyGlob } from './modelTiers';

/** Attributed spend of one entity on one model on one day, micro-units. */
export interface ModelSpendDay {
  entityRef: string;
  model: string;
  date: string;
  cost: number;
}

/** A violation before money leaves micro-units. */
export interface ViolationFinding {
  entityRef: string;
  model: string;
  tier: EntityModelPolicy['maxTier'];
  allowedTier: EntityModelPolicy['maxTier'];
  costMicros: number;
  days: number;
  exception?: PolicyException;
}

/** The first exception of an entity whose glob matches the model and that is in force on `day`. */
export function exceptionFor(
  exceptions: PolicyException[],
  model: string,
  day: string,
): PolicyException | undefined {
  return exceptions.find(
    e => e.expiresAt >= day && matchesAnyGlob(model, [e.model]),
  );
}

/**
 * Spend on models an entity's policy does not allow, per entity and model:
 * its cost and the days it was spent on. Spend without a model, and
 * refunds (a day that sums to ≤ 0), are not violations. A violation an
 * exception in force on the window's last day covers carries it.
 */
export function findViolations(options: {
  spend: ModelSpendDay[];
  policyOf: (entityRef: string) => EntityModelPolicy;
  check: (policy: EntityModelPolicy, model: string) => ModelCheck;
  exceptionsOf: (entityRef: string) => PolicyException[];
  /** The window's last day. */
  to: string;
}): ViolationFinding[] {
  type Open = ViolationFinding & { dates: Set<string> };
  /** null: the entity may use the model. */
  const byKey = new Map<string, Open | null>();
  for (const row of options.spend) {
    if (!row.model || row.cost <= 0) continue;
    const key = `${row.entityRef}\u0000${row.model}`;
    let found = byKey.get(key);
    if (found === null) continue;
    if (!found) {
      const policy = options.policyOf(row.entityRef);
      const check = options.check(policy, row.model);
      if (check.allowed) {
        byKey.set(key, null);
        continue;
      }
      found = {
        entityRef: row.entityRef,
        model: row.model,
        tier: check.tier,
        allowedTier: policy.maxTier,
        costMicros: 0,
        days: 0,
        dates: new Set(),
      };
      const exception = exceptionFor(
        options.exceptionsOf(row.entityRef),
        row.model,
        options.to,
      );
      if (exception) found.exception = exception;
      byKey.set(key, found);
    }
    found.costMicros += row.cost;
    found.dates.add(row.date);
  }
  return [...byKey.values()]
    .filter((finding): finding is Open => finding !== null)
    .map(({ dates, ...finding }) => ({ ...finding, days: dates.size }))
    .sort(
      (a, b) =>
        b.costMicros - a.costMicros ||
        a.entityRef.localeCompare(b.entityRef) ||
        a.model.localeCompare(b.model),
    );
}
