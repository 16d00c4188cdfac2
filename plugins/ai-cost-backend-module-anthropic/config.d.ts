export interface Config {
  aiCost?: {
    providers?: {
      /**
       * Anthropic billing sources: the Admin API cost report and messages
       * usage report.
       */
      anthropic?: Array<{
        /** Source id, unique across all providers, e.g. `anthropic-prod`. */
        id: string;
        /**
         * An Anthropic Admin API key (`sk-ant-admin01-...`).
         * @visibility secret
         */
        adminKey: string;
        /** @default https://api.anthropic.com */
        baseUrl?: string;
      }>;
    };
  };
}
