import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import { createCostTestApp } from '../__testUtils__/createCostTestApp';
import { catalogEntity } from '../__testUtils__/fakeCatalog';
import { createTestDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const OWNER = 'user:default/owner';
const ALICE = 'user:default/alice';
const SVC = 'component:default/svc';
const PLAIN = 'component:default/plain';
const BAD = 'component:default/bad';

describe('anomaly settings routes', () => {
  const databases = createTestDatabases();

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const test = await createCostTestApp({
      knex: await databases.init(databaseId),
      config: { currency: 'USD', anomalies: { minImpact: 10 } },
      entities: [
        catalogEntity('group:default/team'),
        catalogEntity(SVC, {
          owner: 'group:default/team',
          annotations: { 'ai-cost/anomaly-threshold': '50 USD, 30%' },
        }),
        catalogEntity(PLAIN, { owner: 'group:default/team' }),
        catalogEntity(BAD, {
          owner: 'group:default/team',
          annotations: { 'ai-cost/anomaly-threshold': '50 USD, lots' },
        }),
      ],
      policy: (permission, user) =>
        permission === 'ai-cost.budget.update' && user !== OWNER
          ? 'DENY'
          : undefined,
    });
    await test.indexer.rebuild();
    const as = (user: string) => ({
      get: (url: string) =>
        request(test.app as any)
          .get(url)
          .set('Authorization', mockCredentials.user.header(user)),
      put: (url: string, body: unknown) =>
        request(test.app as any)
          .put(url)
          .send(body as object)
          .set('Authorization', mockCredentials.user.header(user)),
    });
    return { ...test, as };
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('reads annotation and default, lets an owner override and clear, and audits', async () => {
      const test = await setup(databaseId);
      const url = `/anomalies/settings?entityRef=${SVC}`;

      expect((await test.as(ALICE).get(url)).body).toEqual({
        entityRef: SVC,
        minImpact: 50,
        minImpactPercent: 30,
        source: 'annotation',
      });
      expect(
        (await test.as(ALICE).get(`/anomalies/settings?entityRef=${PLAIN}`))
          .body,
      ).toEqual({
        entityRef: PLAIN,
        minImpact: 10,
        minImpactPercent: null,
        source: 'default',
      });
      // An unreadable annotation falls back to the default...
      expect(
        (await test.as(ALICE).get(`/anomalies/settings?entityRef=${BAD}`)).body
          .source,
      ).toBe('default');
      // ...and is a claim problem of GET /attribution, not a failure.
      const attribution = await test
        .as(ALICE)
        .get(`/attribution?entityRef=${BAD}`);
      expect(JSON.stringify(attribution.body)).toContain(
        'Invalid ai-cost/anomaly-threshold part \\"lots\\"',
      );

      const put = await test
        .as(OWNER)
        .put(url, { minImpact: 120.5, minImpactPercent: null });
      expect(put.status).toBe(200);
      expect(put.body).toEqual({
        entityRef: SVC,
        minImpact: 120.5,
        minImpactPercent: null,
        source: 'portal',
      });
      expect((await test.as(ALICE).get(url)).body).toEqual(put.body);
      expect(test.auditor.createEvent).toHaveBeenCalledWith(
        expect.objectContaining({
          eventId: 'anomaly-settings-update',
          severityLevel: 'medium',
          meta: { entityRef: SVC },
        }),
      );
      const event = await test.auditor.createEvent.mock.results[0].value;
      expect(event.success).toHaveBeenCalledWith({
        meta: {
          entityRef: SVC,
          before: {
            entityRef: SVC,
            minImpact: 50,
            minImpactPercent: 30,
            source: 'annotation',
          },
          after: put.body,
        },
      });

      // Clearing both parts removes the portal setting: the annotation applies.
      const cleared = await test.as(OWNER).put(url, {});
      expect(cleared.status).toBe(200);
      expect(cleared.body.source).toBe('annotation');
    });

    it('needs the budget update permission and names bad input', async () => {
      const test = await setup(databaseId);
      const url = `/anomalies/settings?entityRef=${SVC}`;
      const denied = await test.as(ALICE).put(url, { minImpact: 1 });
      expect(denied.status).toBe(403);
      expect((await test.as(ALICE).get(url)).body.source).toBe('annotation');

      const bad = await test.as(OWNER).put(url, { minImpactPercent: 2000 });
      expect(bad.status).toBe(400);
      expect(bad.body.error.message).toBe(
        'minImpactPercent: must be at most 1000',
      );
      const extra = await test.as(OWNER).put(url, { amount: 5 });
      expect(extra.status).toBe(400);
      const missing = await test
        .as(OWNER)
        .put('/anomalies/settings?entityRef=component:default/nope', {
          minImpact: 1,
        });
      expect(missing.status).toBe(404);
      const failed = await Promise.all(
        test.auditor.createEvent.mock.results.map(r => r.value),
      );
      expect(failed.map(e => e.fail.mock.calls[0]?.[0].error.name)).toEqual([
        'NotAllowedError',
        'InputError',
        'InputError',
        'NotFoundError',
      ]);
    });
  });
});
