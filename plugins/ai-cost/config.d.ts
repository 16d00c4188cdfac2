export interface Config {
  /** Configuration of the AI Cost plugin. */
  aiCost?: {
    /**
     * Reporting currency, an ISO 4217 code. The frontend formats amounts
     * that come without a currency, such as anomalies, in it.
     * @default USD
     * @visibility frontend
     */
    currency?: string;
  };
}
