import { parseSku } from './normalize';

describe('parseSku', () => {
  // Illustrative SKU descriptions (Google does not publish the exact strings).
  it.each([
    [
      'Gemini 2.5 Pro Text Input - Predictions',
      'gemini-2.5-pro',
      'input',
      false,
    ],
    [
      'Gemini 2.5 Pro Text Output - Predictions',
      'gemini-2.5-pro',
      'output',
      false,
    ],
    [
      'Gemini 2.5 Flash Thinking Text Output',
      'gemini-2.5-flash',
      'output',
      true,
    ],
    [
      'Gemini 2.0 Flash Lite Cached Text Input',
      'gemini-2.0-flash-lite',
      'cacheRead',
      false,
    ],
    [
      'Gemini 2.0 Flash-Lite Input Text',
      'gemini-2.0-flash-lite',
      'input',
      false,
    ],
    ['Gemini 1.5 Pro Context Cache Storage', 'gemini-1.5-pro', null, false],
    ['Gemini 2.5 Pro Cache Write Input', 'gemini-2.5-pro', 'cacheWrite', false],
    [
      'Claude 3.5 Sonnet v2 Input Tokens',
      'claude-3.5-sonnet-v2',
      'input',
      false,
    ],
    ['Claude Opus 4 Output Tokens', 'claude-opus-4', 'output', false],
    [
      'Llama 3.1 405B Instruct Text Prompt',
      'llama-3.1-405b-instruct',
      'input',
      false,
    ],
    ['Vertex AI Online Prediction n1-standard-4', null, null, false],
    ['Imagen 3 Image Generation', null, null, false],
  ])('%s → %s %s', (description, model, tokenType, reasoning) => {
    expect(parseSku(description)).toEqual({ model, tokenType, reasoning });
  });

  it('handles a missing description', () => {
    expect(parseSku(null)).toEqual({
      model: null,
      tokenType: null,
      reasoning: false,
    });
  });
});
