import { evidenceWindow } from './RecommendationService';

describe('evidenceWindow', () => {
  it('reads the window a rule recorded in its evidence', () => {
    expect(
      evidenceWindow({
        windowFrom: '2026-11-03',
        windowTo: '2026-12-02',
        requests: 10,
      }),
    ).toEqual({ from: '2026-11-03', to: '2026-12-02' });
  });

  it('takes the recent days of output length, not its baseline', () => {
    expect(
      evidenceWindow({
        recentFrom: '2026-11-26',
        recentTo: '2026-12-02',
        historyFrom: '2026-10-29',
        historyTo: '2026-11-25',
      }),
    ).toEqual({ from: '2026-11-26', to: '2026-12-02' });
  });

  it('is null without a readable window', () => {
    expect(evidenceWindow({ requests: 10 })).toBeNull();
    expect(
      evidenceWindow({ windowFrom: 20261103, windowTo: '2026-12-02' }),
    ).toBeNull();
    expect(
      evidenceWindow({ windowFrom: '2026-11-03', windowTo: 'yesterday' }),
    ).toBeNull();
  });
});
