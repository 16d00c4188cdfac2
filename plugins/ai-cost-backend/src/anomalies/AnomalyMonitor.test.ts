import { mockCredentials } from '@backstage/backend-test-utils';
import { eachDay } from '@ai-cost/plugin-ai-cost-common';
import type { UsageRecord } from '@ai-cost/plugin-ai-cost-node';
import type { JsonObject } from '@backstage/types';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const SVC = 'component:default/svc';
const SPIKE_DAY = '2026-11-18';

/** Weekdays $100 on gpt-4o, weekends $20; +$400 on gpt-4o-mini on one day. */
function usage(): UsageRecord[] {
  const records: UsageRecord[] = eachDay('2026-09-01', '2026-11-20').map(
    date => {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      const weekend = weekday === 0 || weekday === 6;
      return {
        date,
        projectId: 'proj_svc',
        apiKeyId: 'key_main',
        model: 'gpt-4o',
        cost: weekend ? 20_000_000 : 100_000_000,
        currency: 'USD',
        costKind: 'billed',
      };
    },
  );
  records.push({
    date: SPIKE_DAY,
    projectId: 'proj_svc',
    apiKeyId: 'key_batch',
    model: 'gpt-4o-mini',
    cost: 400_000_000,
    currency: 'USD',
    costKind: 'billed',
  });
  return records;
}

describe('AnomalyMonitor', () => {
  const databases = createTestDatabases();

  async function setup(
    databaseId: Parameters<typeof databases.init>[0],
    extra: { annotations?: Record<string, string>; config?: JsonObject } = {},
  ) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      now: new Date('2026-11-21T08:00:00Z'),
      config: extra.config,
      entities: [
        catalogEntity('group:default/team'),
        catalogEntity(SVC, {
          owner: 'group:default/team',
          annotations: {
            'ai-cost/openai-project-id': 'proj_svc',
            ...extra.annotations,
          },
        }),
      ],
    });
    await test.indexer.rebuild();
    await test.ingest('openai-prod', 'openai', usage(), {
      from: '2026-09-01',
      to: '2026-11-20',
    });
    return test;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('finds the spike once, with the model as top root cause, and notifies once', async () => {
      const test = await setup(databaseId);
      expect(await test.anomalyMonitor.detect()).toEqual({
        anomalies: 2,
        notified: 1,
      });
      expect(await test.anomalyMonitor.detect()).toEqual({
        anomalies: 2,
        notified: 0,
      });
      const [notification] = test.notifications.send.mock.calls[0];
      expect(notification.recipients).toEqual({
        type: 'entity',
        entityRef: 'group:default/team',
      });
      expect(notification.payload.title).toBe(
        `Unusual AI spend for ${SVC} since ${SPIKE_DAY}`,
      );
      expect(notification.payload.link).toBe(
        '/catalog/default/component/svc/ai-cost',
      );

      const res = await request(test.app as any)
        .get('/anomalies?entityRef=group:default/team')
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(res.body.nextCursor).toBeNull();
      const total = res.body.items.find((a: any) => a.model === '');
      expect(total).toMatchObject({
        entityRef: SVC,
        startDate: SPIKE_DAY,
        endDate: SPIKE_DAY,
        expected: 100,
        actual: 500,
        impact: 400,
        impactPct: 400,
        severity: 'critical',
        status: 'resolved',
        feedback: null,
      });
      expect(total.rootCauses[0]).toEqual({
        dimension: 'model',
        key: 'openai/gpt-4o-mini',
        expected: 0,
        actual: 400,
        contribution: 400,
        share: 1,
      });
      expect(total.rootCauses).toContainEqual(
        expect.objectContaining({
          dimension: 'apiKey',
          key: 'openai/key_batch',
        }),
      );
      expect(res.body.items.map((a: any) => a.model).sort()).toEqual([
        '',
        'openai/gpt-4o-mini',
      ]);
    });

    it('raises nothing below the owner threshold of the annotation', async () => {
      // The spike: $400 over $100 expected (+400%); the model series $400
      // over nothing. A $400.01 minimum drops both.
      const test = await setup(databaseId, {
        annotations: { 'ai-cost/anomaly-threshold': '400.01 USD' },
      });
      expect(await test.anomalyMonitor.detect()).toEqual({
        anomalies: 0,
        notified: 0,
      });
      expect(
        (await test.anomalyStore.listAnomalies({ limit: 10 })).items,
      ).toEqual([]);
      expect(test.notifications.send).not.toHaveBeenCalled();
    });

    it('applies the org default percent unless the annotation overrides it', async () => {
      // 400% < 401%: the total is dropped; the new model (nothing
      // expected) meets any percentage and is raised and notified instead.
      const byDefault = await setup(databaseId, {
        config: { currency: 'USD', anomalies: { minImpactPercent: 401 } },
      });
      expect(await byDefault.anomalyMonitor.detect()).toEqual({
        anomalies: 1,
        notified: 1,
      });
      const { items } = await byDefault.anomalyStore.listAnomalies({
        limit: 10,
      });
      expect(items.map(a => a.model)).toEqual(['openai/gpt-4o-mini']);

      const annotated = await setup(databaseId, {
        config: { currency: 'USD', anomalies: { minImpactPercent: 401 } },
        annotations: { 'ai-cost/anomaly-threshold': '400 USD, 400%' },
      });
      expect(await annotated.anomalyMonitor.detect()).toEqual({
        anomalies: 2,
        notified: 1,
      });
    });

    it('takes feedback, audits it and names bad input', async () => {
      const test = await setup(databaseId);
      await test.anomalyMonitor.detect();
      const {
        items: [anomaly],
      } = await test.anomalyStore.listAnomalies({ limit: 10 });
      const post = (id: string, body: unknown) =>
        request(test.app as any)
          .post(`/anomalies/${id}/feedback`)
          .send(body as object)
          .set(
            'Authorization',
            mockCredentials.user.header('user:default/alice'),
          );

      const ok = await post(anomaly.id, {
        feedback: 'expected',
        comment: 'Backfill job',
      });
      expect(ok.status).toBe(200);
      expect(ok.body.feedback).toEqual({
        value: 'expected',
        by: 'user:default/alice',
        at: expect.any(String),
        comment: 'Backfill job',
      });
      expect(test.auditor.createEvent).toHaveBeenCalledTimes(1);
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'anomaly-feedback',
          severityLevel: 'low',
          meta: { anomalyId: anomaly.id },
        }),
      );
      const event = await test.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: { entityRef: anomaly.entityRef, before: null, after: 'expected' },
      });

      const bad = await post(anomaly.id, { feedback: 'meh' });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'feedback: must be one of accurate, expected, not-an-issue',
      );
      const missing = await post('999999', { feedback: 'accurate' });
      expect(missing.status).toBe(404);
      expect(missing.body.error.message).toBe('No anomaly with id 999999');
      // Refused attempts are audited as failures.
      const failed = await Promise.all(
        test.auditor.createEvent.mock.results.slice(1).map(r => r.value),
      );
      expect(failed.map(e => e.fail.mock.calls[0][0].error.name)).toEqual([
        'InputError',
        'NotFoundError',
      ]);
    });
  });
});
