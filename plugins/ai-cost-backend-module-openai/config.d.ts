export interface Config {
  aiCost?: {
    providers?: {
      /**
       * OpenAI billing sources: the organization Costs API (billed spend) and
       * Usage API (tokens per model).
       */
      openai?: Array<{
        /** Source id, unique across all providers, e.g. `openai-prod`. */
        id: string;
        /**
         * An OpenAI organization admin key (`sk-admin-...`).
         * @visibility secret
         */
        adminKey: string;
        /** @default https://api.openai.com/v1 */
        baseUrl?: string;
      }>;
    };
  };
}
