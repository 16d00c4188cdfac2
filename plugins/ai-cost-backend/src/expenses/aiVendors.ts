/**
 * The AI vendors whose card and expense lines count as AI spend (DESIGN
 * §9.3), and how vendor text on a statement is matched to them. Pure: no
 * config, no I/O; `aiCost.expenses.aiVendors` extends the shipped list
 * through {@link buildVendorMatcher}.
 */

/** The provider kind of expensed spend: its sources, usage and claims. */
export const EXPENSE_PROVIDER = 'expense';

/** One AI vendor: its canonical name and the names it appears under. */
export interface AiVendor {
  /** The name the portal shows, e.g. `OpenAI`. */
  vendor: string;
  /**
   * Names and product names, matched case-insensitively as whole words
   * (`chatgpt` matches `OPENAI *CHATGPT SUBSCR`, not `chatgptx`). The
   * canonical name is always one of them.
   */
  aliases: string[];
}

/** An entry of `aiCost.expenses.aiVendors`: a name, or a name with aliases. */
export type AiVendorSetting = string | { vendor: string; aliases?: string[] };

/** The shipped list; `aiCost.expenses.aiVendors` adds to it. */
export const DEFAULT_AI_VENDORS: readonly AiVendor[] = [
  { vendor: 'OpenAI', aliases: ['openai', 'open ai', 'chatgpt', 'chat gpt'] },
  { vendor: 'Anthropic', aliases: ['anthropic', 'claude', 'claude ai'] },
  { vendor: 'Cursor', aliases: ['cursor', 'anysphere', 'cursor ai'] },
  {
    vendor: 'GitHub Copilot',
    aliases: ['github copilot', 'copilot github'],
  },
  { vendor: 'Midjourney', aliases: ['midjourney', 'mid journey'] },
  { vendor: 'Perplexity', aliases: ['perplexity', 'perplexity ai'] },
  { vendor: 'Jasper', aliases: ['jasper ai', 'jasper'] },
  { vendor: 'Notion AI', aliases: ['notion ai'] },
  { vendor: 'Grammarly', aliases: ['grammarly'] },
  { vendor: 'ElevenLabs', aliases: ['elevenlabs', 'eleven labs'] },
  { vendor: 'Runway', aliases: ['runwayml', 'runway ml', 'runway ai'] },
  { vendor: 'Replit', aliases: ['replit'] },
  { vendor: 'Poe', aliases: ['poe', 'quora poe'] },
  { vendor: 'Character.AI', aliases: ['character ai', 'characterai'] },
  {
    vendor: 'Gemini',
    aliases: [
      'gemini',
      'google gemini',
      'google one ai',
      'google one ai premium',
    ],
  },
  {
    vendor: 'Microsoft Copilot',
    aliases: ['microsoft copilot', 'copilot pro', 'microsoft 365 copilot'],
  },
  { vendor: 'Mistral', aliases: ['mistral', 'mistral ai'] },
  { vendor: 'Cohere', aliases: ['cohere'] },
  { vendor: 'Hugging Face', aliases: ['hugging face', 'huggingface'] },
  { vendor: 'Tabnine', aliases: ['tabnine'] },
  { vendor: 'Codeium', aliases: ['codeium', 'windsurf'] },
  { vendor: 'Otter.ai', aliases: ['otter ai', 'otterai'] },
  { vendor: 'Synthesia', aliases: ['synthesia'] },
  { vendor: 'Descript', aliases: ['descript'] },
];

/** Lower-case words of a text: letters and digits, everything else separates. */
export function vendorWords(text: string): string[] {
  return text
    .toLocaleLowerCase('en-US')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The list in force: the shipped vendors plus the configured ones. A
 * configured name that is already a vendor (case-insensitively, by canonical
 * name or alias) adds its aliases to that vendor; any other name is a new
 * vendor.
 */
export function mergeAiVendors(
  settings: readonly AiVendorSetting[] = [],
  defaults: readonly AiVendor[] = DEFAULT_AI_VENDORS,
): AiVendor[] {
  const vendors = defaults.map(v => ({ ...v, aliases: [...v.aliases] }));
  const key = (name: string) => vendorWords(name).join(' ');
  for (const setting of settings) {
    const entry =
      typeof setting === 'string' ? { vendor: setting, aliases: [] } : setting;
    const name = entry.vendor.trim();
    if (!name) continue;
    const aliases = [name, ...(entry.aliases ?? [])];
    const existing = vendors.find(
      v =>
        key(v.vendor) === key(name) ||
        v.aliases.some(a => key(a) === key(name)),
    );
    if (existing) existing.aliases.push(...aliases);
    else vendors.push({ vendor: name, aliases });
  }
  return vendors;
}

/** Finds the vendor of statement text; see {@link buildVendorMatcher}. */
export interface VendorMatcher {
  /** The canonical vendor the text names, if it names an AI vendor. */
  match(text: string): string | undefined;
  /** The vendors in force. */
  readonly vendors: readonly AiVendor[];
}

/**
 * Matches vendor text (`OPENAI *CHATGPT SUBSCR`, `Anysphere Inc`) to a
 * canonical AI vendor: an alias matches when its words appear in a row in
 * the text's words, case-insensitively. The longest matching alias (in
 * words) wins, so `Microsoft 365 Copilot` is not taken for a shorter alias;
 * between equally long ones the vendor listed first.
 */
export function buildVendorMatcher(
  settings: readonly AiVendorSetting[] = [],
): VendorMatcher {
  const vendors = mergeAiVendors(settings);
  const patterns = vendors.flatMap((v, order) =>
    [
      ...new Set(
        [v.vendor, ...v.aliases]
          .map(a => vendorWords(a).join(' '))
          .filter(Boolean),
      ),
    ].map(alias => ({ words: alias.split(' '), vendor: v.vendor, order })),
  );
  patterns.sort((a, b) => b.words.length - a.words.length || a.order - b.order);
  return {
    vendors,
    match(text) {
      const words = vendorWords(text);
      for (const pattern of patterns) {
        const n = pattern.words.length;
        for (let i = 0; i + n <= words.length; i++) {
          if (pattern.words.every((w, j) => words[i + j] === w)) {
            return pattern.vendor;
          }
        }
      }
      return undefined;
    },
  };
}
