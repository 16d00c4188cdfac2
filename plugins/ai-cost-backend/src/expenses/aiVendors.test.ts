import {
  buildVendorMatcher,
  DEFAULT_AI_VENDORS,
  mergeAiVendors,
  vendorWords,
} from './aiVendors';

describe('AI vendor matching', () => {
  const matcher = buildVendorMatcher();

  it.each([
    ['OPENAI *CHATGPT SUBSCR', 'OpenAI'],
    ['ChatGPT Plus', 'OpenAI'],
    ['openai.com', 'OpenAI'],
    ['CLAUDE.AI SUBSCRIPTION', 'Anthropic'],
    ['Anthropic PBC', 'Anthropic'],
    ['ANYSPHERE INC', 'Cursor'],
    ['CURSOR, AI POWERED IDE', 'Cursor'],
    ['GITHUB *COPILOT', 'GitHub Copilot'],
    ['Midjourney Inc.', 'Midjourney'],
    ['PERPLEXITY AI', 'Perplexity'],
    ['Notion AI add-on', 'Notion AI'],
    ['GRAMMARLY CO', 'Grammarly'],
    ['ELEVENLABS.IO', 'ElevenLabs'],
    ['Google One AI Premium', 'Gemini'],
    ['MICROSOFT*COPILOT PRO', 'Microsoft Copilot'],
    ['character.ai', 'Character.AI'],
    ['HUGGINGFACE', 'Hugging Face'],
    ['Hugging Face Pro', 'Hugging Face'],
    ['Mistral AI', 'Mistral'],
  ])('%s is %s', (text, vendor) => {
    expect(matcher.match(text)).toBe(vendor);
  });

  it.each([
    'DELTA AIR LINES',
    'UBER *TRIP',
    'Notion Labs',
    'GITHUB ENTERPRISE',
    'Google Workspace',
    'openaix reseller',
    'AMAZON WEB SERVICES',
  ])('%s is not an AI vendor', text => {
    expect(matcher.match(text)).toBeUndefined();
  });

  it('matches whole words only, in any case', () => {
    expect(vendorWords('OPENAI *CHATGPT SUBSCR')).toEqual([
      'openai',
      'chatgpt',
      'subscr',
    ]);
    expect(matcher.match('reopenaid')).toBeUndefined();
  });

  it('the configured list adds vendors and aliases to the defaults', () => {
    const extended = buildVendorMatcher([
      'Tabnine Enterprise',
      { vendor: 'openai', aliases: ['OAI Corp'] },
      { vendor: 'Acme Copilot', aliases: ['acmebot'] },
    ]);
    expect(extended.match('OAI CORP 1234')).toBe('OpenAI');
    expect(extended.match('ACMEBOT.IO')).toBe('Acme Copilot');
    expect(extended.match('Tabnine Enterprise seat')).toBe(
      'Tabnine Enterprise',
    );
    // the defaults still match
    expect(extended.match('CHATGPT')).toBe('OpenAI');
    expect(extended.vendors).toHaveLength(DEFAULT_AI_VENDORS.length + 2);
  });

  it('the longest alias wins', () => {
    const vendors = mergeAiVendors([{ vendor: 'Jasper Wines', aliases: [] }]);
    expect(vendors.at(-1)?.vendor).toBe('Jasper Wines');
    const m = buildVendorMatcher([{ vendor: 'Jasper Wines' }]);
    expect(m.match('JASPER WINES LTD')).toBe('Jasper Wines');
    expect(m.match('JASPER AI')).toBe('Jasper');
  });
});
