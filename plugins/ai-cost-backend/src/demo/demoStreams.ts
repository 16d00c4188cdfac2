/**
 * The usage streams of the demo org in `examples/`: who calls which model
 * through which project and key, and roughly how much they spend a day.
 * Together they exercise every attribution rule: project claims, more
 * specific key claims, a key claimed by two entities (`key_shared_eval`), a
 * project nobody claims (`proj_experiments`) and Anthropic's default
 * workspace (`null`, claimed as `default`). Some carry environment and
 * feature tags in the inconsistent spellings real teams use (PROD, Prod,
 * stg), which the demo's allocation config normalises; two serve customers
 * (tag `customer`), whose revenue the demo metrics push.
 */
export interface DemoStream {
  provider: 'openai' | 'anthropic';
  /** OpenAI project or Anthropic workspace; null is Anthropic's default workspace. */
  projectId: string | null;
  apiKeyId: string;
  model: string;
  /** Typical weekday spend in dollars at the start of the series. */
  dailyDollars: number;
  /** Per request: uncached input, cached input, output tokens. */
  shape: { input: number; cached: number; output: number };
  /** `weekday`: busy Monday to Friday; `flat`: nightly jobs; `monday`: a weekly batch. */
  pattern: 'weekday' | 'flat' | 'monday';
  /** Multiplies spend on a 3-day incident every 37 days. */
  spike?: number;
  /** Provider tags as an OpenAI project or gateway would report them, spelled as teams do. */
  tags?: Record<string, string>;
  /** Shares of the requests made for each customer (tag `customer`), in order. */
  customers?: Array<[customer: string, share: number]>;
}

export const DEMO_STREAMS: DemoStream[] = [
  {
    provider: 'openai',
    projectId: 'proj_search',
    apiKeyId: 'key_search_web',
    tags: { environment: 'PROD', feature: 'web-search' },
    customers: [
      ['acme', 5],
      ['hooli', 3],
      ['globex', 2],
    ],
    model: 'gpt-4o',
    dailyDollars: 38,
    shape: { input: 1800, cached: 600, output: 350 },
    pattern: 'weekday',
  },
  {
    provider: 'openai',
    projectId: 'proj_search',
    apiKeyId: 'key_query_rewriter',
    tags: { environment: 'production', feature: 'query-rewrite' },
    model: 'gpt-4o-mini',
    dailyDollars: 9,
    shape: { input: 300, cached: 0, output: 60 },
    pattern: 'weekday',
  },
  {
    provider: 'openai',
    projectId: 'proj_search',
    apiKeyId: 'key_shared_eval',
    tags: { environment: 'stg' },
    model: 'gpt-4o',
    dailyDollars: 6,
    shape: { input: 2500, cached: 0, output: 500 },
    pattern: 'flat',
  },
  {
    provider: 'openai',
    projectId: 'proj_search',
    apiKeyId: 'key_indexer',
    model: 'text-embedding-3-large',
    dailyDollars: 4,
    shape: { input: 8000, cached: 0, output: 0 },
    pattern: 'flat',
  },
  {
    provider: 'openai',
    projectId: 'proj_support',
    apiKeyId: 'key_ticket_summarizer',
    tags: { environment: 'Prod', feature: 'ticket-summary' },
    model: 'gpt-4o-mini',
    dailyDollars: 12,
    shape: { input: 3500, cached: 0, output: 400 },
    pattern: 'weekday',
  },
  {
    provider: 'openai',
    projectId: 'proj_support',
    apiKeyId: 'key_kb_embed',
    model: 'text-embedding-3-small',
    dailyDollars: 1.5,
    shape: { input: 6000, cached: 0, output: 0 },
    pattern: 'flat',
  },
  {
    provider: 'openai',
    projectId: 'proj_insights',
    apiKeyId: 'key_narrator',
    model: 'gpt-4o',
    dailyDollars: 7,
    shape: { input: 12000, cached: 4000, output: 1500 },
    pattern: 'monday',
  },
  {
    provider: 'openai',
    projectId: 'proj_experiments',
    apiKeyId: 'key_sandbox',
    tags: { environment: 'dev' },
    model: 'o3',
    dailyDollars: 15,
    shape: { input: 4000, cached: 0, output: 2500 },
    pattern: 'weekday',
  },
  {
    provider: 'anthropic',
    projectId: 'wrkspc_support',
    apiKeyId: 'apikey_support_bot',
    tags: { environment: 'prod', feature: 'support-chat' },
    customers: [
      ['acme', 45],
      ['globex', 30],
      ['initech', 15],
      ['umbrella', 10],
    ],
    model: 'claude-sonnet-4-5',
    dailyDollars: 55,
    shape: { input: 2200, cached: 5000, output: 450 },
    pattern: 'weekday',
    spike: 3.5,
  },
  {
    provider: 'anthropic',
    projectId: 'wrkspc_support',
    apiKeyId: 'apikey_email_drafter',
    model: 'claude-haiku-4-5',
    dailyDollars: 8,
    shape: { input: 1500, cached: 0, output: 700 },
    pattern: 'weekday',
  },
  {
    provider: 'anthropic',
    projectId: 'wrkspc_reco',
    apiKeyId: 'apikey_reco_ranker',
    model: 'claude-haiku-4-5',
    dailyDollars: 14,
    shape: { input: 900, cached: 0, output: 40 },
    pattern: 'flat',
  },
  {
    provider: 'anthropic',
    projectId: 'wrkspc_reco',
    apiKeyId: 'apikey_reco_explainer',
    model: 'claude-sonnet-4-5',
    dailyDollars: 10,
    shape: { input: 1200, cached: 800, output: 300 },
    pattern: 'weekday',
  },
  {
    provider: 'anthropic',
    projectId: null,
    apiKeyId: 'apikey_notebook',
    model: 'claude-opus-4-1',
    dailyDollars: 20,
    shape: { input: 6000, cached: 2000, output: 900 },
    pattern: 'weekday',
  },
];
