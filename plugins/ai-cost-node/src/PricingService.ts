/** Token usage to price, with token semantics as in {@link UsageRecord}. @public */
export interface PriceQuery {
  /** Provider kind as the price database knows it: `openai`, `anthropic`, `aws`, `google`, `azure`. */
  provider: string;
  model: string;
  /** Usage day `YYYY-MM-DD`; prices apply by the date of usage. */
  date: string;
  inputTokens?: number;
  cachedInputTokens?: number;
  cacheWriteTokens?: number;
  /** Of `cacheWriteTokens`, those with a 1-hour cache lifetime (priced at the 1-hour write rate). */
  cacheWrite1hTokens?: number;
  outputTokens?: number;
  requests?: number;
}

/** @public */
export type PriceResult =
  | {
      priced: true;
      cost: number;
      currency: string;
      source: 'override' | 'genai-prices';
    }
  | { priced: false; reason: string };

/**
 * Prices usage that has no billed figure. Implemented by the backend with
 * `@pydantic/genai-prices` and per-model overrides from config.
 * @public
 */
export interface PricingService {
  /** Cost in micro-units, or why it could not be priced. Never prices unknown models at 0. */
  price(query: PriceQuery): PriceResult;
}
