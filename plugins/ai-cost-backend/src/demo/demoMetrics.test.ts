import { demoMetricPoints } from './demoMetrics';

describe('demoMetricPoints', () => {
  it('gives a day the same values whatever window reads it', () => {
    const day = (points: ReturnType<typeof demoMetricPoints>) =>
      points.filter(p => p.date === '2026-11-10');
    expect(
      day(demoMetricPoints({ from: '2026-11-10', to: '2026-11-10' })),
    ).toEqual(day(demoMetricPoints({ from: '2026-10-01', to: '2026-11-30' })));
  });

  it('pushes whole tickets for the support bot, revenue in cents per customer and whole seats in use', () => {
    const points = demoMetricPoints({ from: '2026-11-09', to: '2026-11-09' });
    expect(
      points.map(p => [p.metric, p.entityRef, p.tags.customer ?? null, p.unit]),
    ).toEqual([
      ['tickets_resolved', 'component:default/support-bot', null, 'tickets'],
      ['revenue', null, 'acme', 'USD'],
      ['revenue', null, 'hooli', 'USD'],
      ['revenue', null, 'globex', 'USD'],
      ['revenue', null, 'initech', 'USD'],
      ['revenue', null, 'umbrella', 'USD'],
      ['revenue', null, 'wayne', 'USD'],
      ['chatgpt_active_seats', null, null, 'seats'],
    ]);
    const seats = points.find(p => p.metric === 'chatgpt_active_seats')!;
    // 19 seats ± 8%: fewer than the subscription's 25, whole seats.
    expect(seats.valueMicros).toBeGreaterThanOrEqual(17_000_000);
    expect(seats.valueMicros).toBeLessThanOrEqual(21_000_000);
    for (const point of points) {
      expect(
        point.valueMicros % (point.unit === 'USD' ? 10_000 : 1_000_000),
      ).toBe(0);
      expect(point.valueMicros).toBeGreaterThan(0);
    }
  });

  it('resolves fewer tickets at weekends, like the bot is used', () => {
    const value = (day: string) =>
      demoMetricPoints({ from: day, to: day })[0].valueMicros;
    // 2026-11-09 is a Monday, 2026-11-08 a Sunday.
    expect(value('2026-11-08')).toBeLessThan(value('2026-11-09') * 0.5);
  });
});
