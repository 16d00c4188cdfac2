import { OTHER_SERIES, stackDailyCosts } from './chartData';

const costs = {
  daily: [
    { date: '2026-11-20', cost: 30 },
    { date: '2026-11-21', cost: 0 },
    { date: '2026-11-22', cost: 16.5 },
  ],
  dailyByModel: [
    { date: '2026-11-20', provider: 'openai', model: 'gpt-4o', cost: 20 },
    {
      date: '2026-11-20',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      cost: 6,
    },
    { date: '2026-11-20', provider: 'openai', model: 'gpt-4o-mini', cost: 4 },
    { date: '2026-11-22', provider: 'openai', model: 'gpt-4o', cost: 10 },
    { date: '2026-11-22', provider: 'openai', model: '', cost: 0.5 },
    {
      date: '2026-11-22',
      provider: 'anthropic',
      model: 'claude-sonnet-4',
      cost: 6,
    },
  ],
};

describe('stackDailyCosts', () => {
  it('stacks by model, zero-filling every day', () => {
    const { series, rows } = stackDailyCosts(costs, 'model');
    expect(series).toEqual([
      { key: 'openai/gpt-4o', label: 'gpt-4o', total: 30 },
      { key: 'anthropic/claude-sonnet-4', label: 'claude-sonnet-4', total: 12 },
      { key: 'openai/gpt-4o-mini', label: 'gpt-4o-mini', total: 4 },
      { key: 'openai/', label: 'OpenAI (no model)', total: 0.5 },
    ]);
    expect(rows[1]).toEqual({
      date: '2026-11-21',
      'openai/gpt-4o': 0,
      'anthropic/claude-sonnet-4': 0,
      'openai/gpt-4o-mini': 0,
      'openai/': 0,
    });
    expect(rows[2]['openai/gpt-4o']).toBe(10);
  });

  it('stacks by provider', () => {
    const { series, rows } = stackDailyCosts(costs, 'provider');
    expect(series).toEqual([
      { key: 'openai', label: 'OpenAI', total: 34.5 },
      { key: 'anthropic', label: 'Anthropic', total: 12 },
    ]);
    expect(rows[0]).toEqual({ date: '2026-11-20', openai: 24, anthropic: 6 });
  });

  it('folds small series into Other', () => {
    const { series, rows } = stackDailyCosts(costs, 'model', 2);
    expect(series.map(s => s.label)).toEqual(['gpt-4o', 'Other']);
    expect(series[1].total).toBe(16.5);
    expect(rows[0][OTHER_SERIES]).toBe(10);
  });

  it('disambiguates a model billed by two providers', () => {
    const { series } = stackDailyCosts(
      {
        daily: [{ date: '2026-11-22', cost: 3 }],
        dailyByModel: [
          {
            date: '2026-11-22',
            provider: 'anthropic',
            model: 'claude-sonnet-4',
            cost: 2,
          },
          {
            date: '2026-11-22',
            provider: 'aws',
            model: 'claude-sonnet-4',
            cost: 1,
          },
        ],
      },
      'model',
    );
    expect(series.map(s => s.label)).toEqual([
      'claude-sonnet-4 (Anthropic)',
      'claude-sonnet-4 (AWS)',
    ]);
  });
});
