import type { CatalogIndexReader } from '../attribution/CatalogIndex';
import type { AnomalySettingsStore, StoredAnomalySettings } from '../database';
import {
  resolveAnomalyThreshold,
  type AnomalyThreshold,
  type EffectiveAnomalyThreshold,
} from './thresholds';

function fromStored(stored: StoredAnomalySettings): AnomalyThreshold {
  const threshold: AnomalyThreshold = {};
  if (stored.minImpactMicros !== null) {
    threshold.minImpactMicros = stored.minImpactMicros;
  }
  if (stored.minImpactPercent !== null) {
    threshold.minImpactPercent = stored.minImpactPercent;
  }
  return threshold;
}

/**
 * The anomaly threshold in force per entity: portal setting, then the
 * `ai-cost/anomaly-threshold` annotation, then the org default.
 */
export class AnomalyThresholdService {
  constructor(
    private readonly options: {
      index: CatalogIndexReader;
      store: AnomalySettingsStore;
      /** `aiCost.anomalies.minImpact` / `minImpactPercent`. */
      defaults: AnomalyThreshold;
      currency: string;
    },
  ) {}

  /** The threshold in force for one entity, and why its annotation is ignored, if it is. */
  async effectiveThreshold(
    entityRef: string,
  ): Promise<{ threshold: EffectiveAnomalyThreshold; problem?: string }> {
    const { graph } = await this.options.index.read();
    const stored = await this.options.store.getSettings(entityRef);
    return resolveAnomalyThreshold({
      entityRef,
      portal: stored && fromStored(stored),
      annotation: graph.get(entityRef)?.anomalyThreshold,
      defaults: this.options.defaults,
      currency: this.options.currency,
    });
  }

  /** A lookup of every entity's threshold, read once for a detection run. */
  async thresholdLookup(): Promise<(entityRef: string) => AnomalyThreshold> {
    const { graph } = await this.options.index.read();
    const portal = new Map(
      (await this.options.store.listSettings()).map(s => [
        s.entityRef,
        fromStored(s),
      ]),
    );
    const cache = new Map<string, AnomalyThreshold>();
    return entityRef => {
      let threshold = cache.get(entityRef);
      if (!threshold) {
        threshold = resolveAnomalyThreshold({
          entityRef,
          portal: portal.get(entityRef),
          annotation: graph.get(entityRef)?.anomalyThreshold,
          defaults: this.options.defaults,
          currency: this.options.currency,
        }).threshold;
        cache.set(entityRef, threshold);
      }
      return threshold;
    };
  }
}
