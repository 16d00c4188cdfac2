/** An anomaly threshold set in the portal (`PUT /anomalies/settings`), money in micro-units. */
export interface StoredAnomalySettings {
  entityRef: string;
  minImpactMicros: number | null;
  minImpactPercent: number | null;
  updatedBy: string;
  updatedAt: string;
}

/** Persistence of anomaly thresholds set in the portal. */
export interface AnomalySettingsStore {
  getSettings(entityRef: string): Promise<StoredAnomalySettings | undefined>;
  listSettings(): Promise<StoredAnomalySettings[]>;
  /** Creates or replaces an entity's settings; returns the ones replaced. */
  putSettings(
    settings: StoredAnomalySettings,
  ): Promise<StoredAnomalySettings | undefined>;
  /** Removes an entity's settings; returns them, or undefined when there were none. */
  deleteSettings(entityRef: string): Promise<StoredAnomalySettings | undefined>;
}
