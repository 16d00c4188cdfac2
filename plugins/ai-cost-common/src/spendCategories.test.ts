import {
  aiSpendCategories,
  aiSpendCategoryOf,
  AI_SPEND_CATEGORY_LABELS,
  isAiSpendCategory,
} from './spendCategories';

describe('aiSpendCategoryOf', () => {
  it.each([
    ['openai', '', 'model-api'],
    ['anthropic', '', 'model-api'],
    ['gateway', '', 'model-api'],
    ['gateway', 'openai', 'model-api'],
    ['gateway', 'aws', 'cloud-ai'],
    ['aws', '', 'cloud-ai'],
    ['gcp', '', 'cloud-ai'],
    ['azure', '', 'cloud-ai'],
    ['kubernetes', '', 'self-hosted'],
    ['subscription', '', 'subscription'],
    ['expense', '', 'expense'],
    ['mistral', '', 'model-api'],
  ])('%s (model provider %j) is %s', (provider, modelProvider, category) => {
    expect(aiSpendCategoryOf(provider, modelProvider)).toBe(category);
  });

  it('labels every category', () => {
    expect(aiSpendCategories.map(c => AI_SPEND_CATEGORY_LABELS[c])).toEqual([
      'Model APIs',
      'Cloud AI services',
      'Self-hosted GPU',
      'Subscriptions',
      'Expensed tools',
    ]);
    expect(isAiSpendCategory('self-hosted')).toBe(true);
    expect(isAiSpendCategory('gpu')).toBe(false);
  });
});
